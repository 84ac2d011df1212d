public import DevlogPostgres
public import DevlogStore
import Foundation
public import Logging

/// Which store a `--db` value names: a SQLite file path (the default kind), or a PostgreSQL
/// server by a `postgresql://` or `postgres://` URL. Any other `scheme://` is refused, so a
/// mistyped URL never becomes a folder of that name holding a SQLite file.
public enum StoreLocation: Sendable, Hashable {
    /// A SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(PostgresLocation)

    /// Reads a `--db` value; `environment` gives `PGPASSWORD`, `PGPASSFILE` and `HOME`.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        // A scheme is a letter, then letters, digits, `+`, `.` or `-`, before `://`.
        guard let separator = text.range(of: "://"), case let scheme = text[..<separator.lowerBound],
              scheme.first.map({ $0.isASCII && $0.isLetter }) == true,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }) else {
            self = .sqlite(path: text)
            return
        }
        switch scheme.lowercased() {
        case "postgresql", "postgres":
            do {
                self = .postgres(try PostgresLocation(url: text, environment: environment))
            } catch let error as PostgresLocationError {
                throw StoreLocationError(description: "--db: \(error)")
            }
        default:
            throw StoreLocationError(description: """
                --db \(scheme)://…: not a store devlog knows; give a SQLite file path or a postgresql://USER@HOST:PORT/DATABASE URL
                """)
        }
    }

    /// Opens the store, creating its schema when missing.
    public func open(configuration: DevlogStore.Configuration = .init(), logger: Logger? = nil) throws -> any RecordStore {
        switch self {
        case .sqlite(let path): try DevlogStore(path: path, configuration: configuration, logger: logger)
        case .postgres(let server): try PostgresStore(server: server, configuration: configuration, logger: logger)
        }
    }
}
