import Foundation
import GRDB

/// Discord's rate limits as the processes publishing from this store have met them: a JSON
/// document per webhook id, and one under '' for what spans every webhook. The publisher owns
/// the documents' shape; the store keeps them and gives them out one transaction at a time.
extension DevlogStore {
    /// The documents of webhook `webhookID` and of every webhook, nil where none is kept; a read
    /// that holds up no writer.
    public func rateLimits(webhookID: String) throws -> (webhook: String?, everyWebhook: String?) {
        try perform {
            try pool.read { db in (try Self.rateLimitDocument(webhookID, db), try Self.rateLimitDocument("", db)) }
        }
    }

    /// Runs `change` on the documents of webhook `webhookID` and of every webhook in one
    /// `BEGIN IMMEDIATE` transaction, and keeps what it leaves: so no other process reads them
    /// between. `change` may run more than once when the database stays busy: keep it free of
    /// side effects.
    public func updateRateLimits<T>(webhookID: String, _ change: (_ webhook: inout String?, _ everyWebhook: inout String?) throws -> T) throws -> T {
        try writing { db in
            let webhookBefore = try Self.rateLimitDocument(webhookID, db)
            let everyBefore = try Self.rateLimitDocument("", db)
            var webhook = webhookBefore, every = everyBefore
            let result = try change(&webhook, &every)
            let now = Date()
            if webhook != webhookBefore { try Self.keepRateLimitDocument(webhook, for: webhookID, at: now, db) }
            if every != everyBefore { try Self.keepRateLimitDocument(every, for: "", at: now, db) }
            return result
        }
    }

    private static func rateLimitDocument(_ key: String, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT state FROM rate_limits WHERE webhook_id = ?", arguments: [key])
    }

    private static func keepRateLimitDocument(_ document: String?, for key: String, at date: Date, _ db: Database) throws {
        guard let document else {
            try db.execute(sql: "DELETE FROM rate_limits WHERE webhook_id = ?", arguments: [key])
            return
        }
        try db.execute(sql: """
            INSERT INTO rate_limits (webhook_id, state, updated_at) VALUES (?, ?, ?)
            ON CONFLICT (webhook_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
            """, arguments: [key, document, date])
    }
}
