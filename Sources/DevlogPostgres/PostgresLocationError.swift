/// Why a PostgreSQL URL cannot be used, without the URL's password.
public struct PostgresLocationError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case notAURL
        case socketHost
        case noUser
        case badValue(name: String, value: String)
        case unknownParameter(String)
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// What is wrong with the URL, and what to write instead.
    public var description: String {
        switch code {
        case .notAURL:
            "not a PostgreSQL URL; write postgresql://USER@HOST:PORT/DATABASE"
        case .socketHost:
            "a Unix socket is not a host devlog connects to; give the server's host and port"
        case .noUser:
            "the PostgreSQL URL names no user; write postgresql://USER@HOST:PORT/DATABASE"
        case let .badValue(name, value):
            "the PostgreSQL URL's \(name) '\(value)' is not one devlog reads; see docs/stores.md"
        case let .unknownParameter(name):
            "the PostgreSQL URL's parameter '\(name)' is not one devlog reads (sslmode, sslrootcert, connect_timeout)"
        }
    }

    static let notAURL = PostgresLocationError(.notAURL)
    static let socketHost = PostgresLocationError(.socketHost)
    static let noUser = PostgresLocationError(.noUser)
    static func badValue(name: String, value: String) -> PostgresLocationError { .init(.badValue(name: name, value: value)) }
    static func unknownParameter(_ name: String) -> PostgresLocationError { .init(.unknownParameter(name)) }
}
