import DevlogPostgres
import DevlogStore
import DevlogTestSupport
import Foundation
import GRDB
import Testing

/// The stores the conformance suite runs against: SQLite always, PostgreSQL when the test cluster
/// runs (``TestPostgres``; `postgresSkipped` says so when it does not).
enum StoreKind: String, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    /// Every kind this run can test.
    static var tested: [StoreKind] { TestPostgres.runs ? [.sqlite, .postgres] : [.sqlite] }

    var testDescription: String { rawValue }
}

/// One empty store for one test: a SQLite file in a temporary folder, or a new database on the
/// test cluster. Each ``open(_:)`` is a new connection, as another process's would be.
final class StoreUnderTest: Sendable {
    let kind: StoreKind
    /// The SQLite file's path, or the database's URL with its password.
    let location: String
    private let folder: URL

    init(_ kind: StoreKind) throws {
        self.kind = kind
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("devlog-conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        location = switch kind {
        case .sqlite: folder.appendingPathComponent("store.sqlite").path
        case .postgres: try TestPostgres.freshDatabase()
        }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// A new connection to the store, creating its schema on first use.
    func open(_ configuration: DevlogStore.Configuration = .init()) throws -> any RecordStore {
        switch kind {
        case .sqlite: try DevlogStore(path: location, configuration: configuration)
        case .postgres: try PostgresStore(server: PostgresLocation(url: location), configuration: configuration)
        }
    }

    /// The database's name on the cluster (PostgreSQL only).
    var databaseName: String { URLComponents(string: location)!.path.trimmingCharacters(in: CharacterSet(charactersIn: "/")) }

    /// Runs SQL on the store behind its back, as another program would.
    func execute(_ sql: String) throws {
        switch kind {
        case .sqlite: try DatabaseQueue(path: location).write { try $0.execute(sql: sql) }
        case .postgres: try TestPostgres.psql(sql, database: databaseName)
        }
    }
}
