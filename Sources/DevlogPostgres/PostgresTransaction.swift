import Logging
import PostgresNIO

/// Statements inside one transaction on a connection the caller holds alone.
struct PostgresTransaction {
    let connection: PostgresConnection
    let logger: Logger

    /// The rows `query` returns.
    func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
        try connection.query(query, logger: logger).wait().rows
    }

    /// Runs `query`; the number of rows it changed.
    @discardableResult
    func execute(_ query: PostgresQuery) throws -> Int {
        try connection.query(query, logger: logger).wait().metadata.rows ?? 0
    }

    /// Runs statements without parameters, each ending in a semicolon at the end of a line
    /// (schema changes), one at a time: the extended protocol takes one statement per message.
    func script(_ sql: String) throws {
        for statement in sql.components(separatedBy: ";\n") where !statement.allSatisfy(\.isWhitespace) {
            try execute(PostgresQuery(unsafeSQL: statement))
        }
    }
}
