import DevlogStore
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// One connection to the server, used synchronously: the rest of devlog is synchronous, so each
/// statement is sent on NIO's event loop and the calling thread waits for its future. Nothing
/// here runs on Swift's cooperative pool, so a caller on that pool cannot starve it; and a
/// caller never runs on an event loop, the one place where waiting is forbidden.
///
/// One caller at a time holds the connection for a whole transaction; the next waits.
final class PostgresSession: Sendable {
    let location: PostgresLocation
    private let configuration: PostgresConnection.Configuration
    private let connection = Mutex<PostgresConnection?>(nil)
    /// postgres-nio's own log lines stay silent: they may carry statement text.
    private let quiet = Logger(label: "devlog.postgres") { _ in SwiftLogNoOpLogHandler() }
    private let logger: Logger?
    /// How many more times a transaction the server aborted to break a deadlock or a
    /// serialization conflict is run again.
    private let retries: Int

    init(location: PostgresLocation, retries: Int, logger: Logger?) throws {
        self.location = location
        self.logger = logger
        self.retries = retries
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: try Self.tls(location))
        configuration.options.connectTimeout = .seconds(Int64(location.connectTimeout))
        self.configuration = configuration
    }

    deinit {
        // Not waited for, as the last reference may go on any thread; the callback holds the
        // connection until it is closed, which postgres-nio requires of its last reference.
        if let open = connection.withLock({ $0 }) {
            let closing: EventLoopFuture<Void> = open.close()
            closing.whenComplete { _ in withExtendedLifetime(open) {} }
        }
    }

    /// Runs `body` in one transaction (`BEGIN` … `COMMIT`), run again whole when the server
    /// aborted it to break a deadlock or a serialization conflict.
    func transaction<T>(readOnly: Bool = false, _ body: (PostgresTransaction) throws -> T) throws -> T {
        var attempt = 0
        while true {
            do {
                return try withConnection { connection in
                    let transaction = PostgresTransaction(connection: connection, logger: quiet)
                    try transaction.execute(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
                    do {
                        let result = try body(transaction)
                        try transaction.execute("COMMIT")
                        return result
                    } catch {
                        _ = try? transaction.execute("ROLLBACK")
                        throw error
                    }
                }
            } catch let error as PSQLError where Self.isRetryable(error) && attempt < retries {
                attempt += 1
                logger?.debug("store.postgres.retry", metadata: ["store.attempt": "\(attempt)", "store.sqlstate": "\(Self.sqlState(error) ?? "")"])
                Thread.sleep(forTimeInterval: 0.01 * Double(attempt) * Double.random(in: 0.5...1.5))
            } catch let error as PSQLError {
                throw storeError(error)
            }
        }
    }

    /// Runs one statement on its own (autocommit).
    func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
        do {
            return try withConnection { try PostgresTransaction(connection: $0, logger: quiet).rows(query) }
        } catch let error as PSQLError {
            throw storeError(error)
        }
    }

    /// Connects when there is no open connection, then lends it to `body` alone.
    private func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try connection.withLock { connection in
            if connection == nil || connection!.isClosed {
                do {
                    connection = try PostgresConnection.connect(
                        on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: quiet).wait()
                } catch let error as PSQLError {
                    throw error
                } catch {
                    throw StoreError.unreachable(location: location.description, reason: Self.reason(error))
                }
            }
            return try body(connection!)
        }
    }

    /// A deadlock or serialization failure: the server rolled the transaction back, and running it
    /// again is the documented answer.
    private static func isRetryable(_ error: PSQLError) -> Bool {
        ["40001", "40P01"].contains(sqlState(error) ?? "")
    }

    private static func sqlState(_ error: PSQLError) -> String? { error.serverInfo?[.sqlState] }

    /// A postgres-nio error as one line naming the server (never the password, nor a statement's
    /// values: the server's message only, without its detail).
    func storeError(_ error: PSQLError) -> StoreError {
        let place = location.description
        switch error.code {
        case .server:
            let state = Self.sqlState(error) ?? ""
            let message = error.serverInfo?[.message] ?? "error"
            if state.hasPrefix("28") { return .refusedLogin(location: place, reason: message) }
            if state == "3D000" { return .database(path: place, message: "\(message); create it, or name another database") }
            return .database(path: place, message: "\(message) (SQLSTATE \(state))")
        case .authMechanismRequiresPassword:
            return .refusedLogin(location: place, reason: "the server asks for a password and none was given")
        case .sslUnsupported:
            return .unreachable(location: place, reason: "the server does not offer TLS, which sslmode=\(location.sslMode.rawValue) requires")
        case .connectionError, .failedToAddSSLHandler, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            return .unreachable(location: place, reason: error.underlying.map(Self.reason) ?? "\(error.code)")
        default:
            return .database(path: place, message: "\(error.code)")
        }
    }

    /// What went wrong with the connection, in a few words: the system's name for a socket
    /// error (`connection refused`), else the error as NIO describes it.
    private static func reason(_ error: any Error) -> String {
        if let failure = error as? NIOConnectionError, let last = failure.connectionErrors.last { return reason(last.error) }
        if let failure = error as? IOError { return String(cString: strerror(failure.errnoCode)).lowercased() }
        if error is NIOSSLError {
            return "\(error)".contains("CERTIFICATE_VERIFY_FAILED")
                ? "its TLS certificate could not be verified (give sslrootcert=FILE with the certificate that signed it, or sslmode=require)"
                : "the TLS handshake failed (\(error))"
        }
        return "\(error)"
    }

    private static func tls(_ location: PostgresLocation) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch location.sslMode {
        case .disable: return .disable
        case .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        if let root = location.rootCertificate { tls.trustRoots = .file(root) }
        let context = try NIOSSLContext(configuration: tls)
        return location.sslMode == .prefer ? .prefer(context) : .require(context)
    }
}
