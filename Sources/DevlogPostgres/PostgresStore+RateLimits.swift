import DevlogStore
import Foundation
import PostgresNIO

/// Discord's rate limits as every process publishing from this database has met them, on every
/// machine: the same documents as the SQLite store keeps, behind one advisory lock.
extension PostgresStore {
    /// The documents of webhook `webhookID` and of every webhook, nil where none is kept.
    public func rateLimits(webhookID: String) throws -> (webhook: String?, everyWebhook: String?) {
        let rows = try session.rows("SELECT webhook_id, state FROM rate_limits WHERE webhook_id IN (\(webhookID), '')")
        let documents = Dictionary(try rows.map { try $0.decode((String, String).self) }, uniquingKeysWith: { first, _ in first })
        return (documents[webhookID], documents[""])
    }

    /// Runs `change` on both documents with every other process held at the lock until this
    /// transaction commits, and keeps what it leaves.
    public func updateRateLimits<T>(webhookID: String, _ change: (_ webhook: inout String?, _ everyWebhook: inout String?) throws -> T) throws -> T {
        try session.transaction { transaction in
            try transaction.execute("SELECT pg_advisory_xact_lock(\(AdvisoryLock.rateLimits), 0)")
            let rows = try transaction.rows("SELECT webhook_id, state FROM rate_limits WHERE webhook_id IN (\(webhookID), '')")
            let documents = Dictionary(try rows.map { try $0.decode((String, String).self) }, uniquingKeysWith: { first, _ in first })
            var webhook = documents[webhookID], every = documents[""]
            let result = try change(&webhook, &every)
            if webhook != documents[webhookID] { try Self.keep(webhook, for: webhookID, transaction) }
            if every != documents[""] { try Self.keep(every, for: "", transaction) }
            return result
        }
    }

    private static func keep(_ document: String?, for key: String, _ transaction: PostgresTransaction) throws {
        guard let document else {
            try transaction.execute("DELETE FROM rate_limits WHERE webhook_id = \(key)")
            return
        }
        try transaction.execute("""
            INSERT INTO rate_limits (webhook_id, state, updated_at) VALUES (\(key), \(document), now())
            ON CONFLICT (webhook_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
            """)
    }
}
