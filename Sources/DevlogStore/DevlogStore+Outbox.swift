public import Foundation
import GRDB

/// The publish outbox: which part of which devlog went to which webhook, with Discord's ids, so a
/// rerun sends only what is missing. Each call is one committed transaction, durable on return.
extension DevlogStore {
    /// Every outbox row of `devlogKey` on webhook `webhookID`, by part index.
    public func outboxRows(devlogKey: String, webhookID: String) throws -> [OutboxRow] {
        try perform {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE devlog_key = ? AND webhook_id = ? ORDER BY part_index",
                                 arguments: [devlogKey, webhookID]).map(Self.outboxRow)
            }
        }
    }

    /// Inserts `row` or replaces the row of the same devlog, webhook and part; the first time
    /// the part is confirmed sent is kept across later writes.
    public func saveOutboxRow(_ row: OutboxRow) throws {
        try writing { db in
            try db.execute(sql: """
                INSERT INTO outbox (devlog_key, webhook_id, part_index, content_hash, state, attempts, last_error,
                                    message_id, channel_id, first_sent_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ? = 'sent' THEN ? END, ?)
                ON CONFLICT (devlog_key, webhook_id, part_index) DO UPDATE SET
                    content_hash = excluded.content_hash, state = excluded.state, attempts = excluded.attempts,
                    last_error = excluded.last_error, message_id = excluded.message_id, channel_id = excluded.channel_id,
                    first_sent_at = COALESCE(outbox.first_sent_at, excluded.first_sent_at), updated_at = excluded.updated_at
                """, arguments: [row.devlogKey, row.webhookID, row.partIndex, row.contentHash, row.state, row.attempts,
                                 row.lastError, row.messageID, row.channelID, row.state, row.updatedAt, row.updatedAt])
        }
    }

    /// Removes the row of part `partIndex`, if there is one.
    public func removeOutboxRow(devlogKey: String, webhookID: String, partIndex: Int) throws {
        try writing { db in
            try db.execute(sql: "DELETE FROM outbox WHERE devlog_key = ? AND webhook_id = ? AND part_index = ?",
                           arguments: [devlogKey, webhookID, partIndex])
        }
    }

    /// Every row not confirmed sent (pending or failed), oldest change first.
    public func pendingDeliveries() throws -> [OutboxRow] {
        try perform {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE state <> 'sent' ORDER BY updated_at, devlog_key, webhook_id, part_index")
                    .map(Self.outboxRow)
            }
        }
    }

    /// Records that a publish of `publication` is starting, in the name of `holder`, unless
    /// another holder's claim on it lasts past `now`: two processes publishing one cycle at once
    /// would each post the parts the other is posting. Returns when that other claim lapses, or
    /// nil once the claim is `holder`'s until `until`.
    public func claimPublication(_ publication: PublicationRow, holder: String, until: Date, now: Date) throws -> Date? {
        try writing { db in
            if let claim = try Row.fetchOne(db, sql: """
                SELECT claimed_by, claimed_until FROM publications WHERE devlog_key = ? AND webhook_id = ?
                """, arguments: [publication.devlogKey, publication.webhookID]),
               let other: String = claim["claimed_by"], other != holder, let lapses: Date = claim["claimed_until"], lapses > now {
                return lapses
            }
            try db.execute(sql: """
                INSERT INTO publications (devlog_key, webhook_id, mode, updated_at, claimed_by, claimed_until) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (devlog_key, webhook_id) DO UPDATE SET
                    mode = excluded.mode, updated_at = excluded.updated_at,
                    claimed_by = excluded.claimed_by, claimed_until = excluded.claimed_until
                """, arguments: [publication.devlogKey, publication.webhookID, publication.mode, publication.updatedAt, holder, until])
            return nil
        }
    }

    /// Extends `holder`'s claim on a publication to `until`; false when the claim is no longer
    /// its own (it lapsed and another process took it).
    @discardableResult
    public func renewPublicationClaim(devlogKey: String, webhookID: String, holder: String, until: Date) throws -> Bool {
        try writing { db in
            try db.execute(sql: "UPDATE publications SET claimed_until = ? WHERE devlog_key = ? AND webhook_id = ? AND claimed_by = ?",
                           arguments: [until, devlogKey, webhookID, holder])
            return db.changesCount > 0
        }
    }

    /// Ends `holder`'s claim on a publication. With `deliveredRevision`, every part of that
    /// revision of the cycle is confirmed on the webhook: until the cycle changes,
    /// ``unpublishedCycles(agent:)`` leaves it out.
    public func endPublication(devlogKey: String, webhookID: String, holder: String, deliveredRevision: Int64?) throws {
        try writing { db in
            if let deliveredRevision {
                try db.execute(sql: "UPDATE publications SET revision = ? WHERE devlog_key = ? AND webhook_id = ?",
                               arguments: [deliveredRevision, devlogKey, webhookID])
            }
            try db.execute(sql: """
                UPDATE publications SET claimed_by = NULL, claimed_until = NULL WHERE devlog_key = ? AND webhook_id = ? AND claimed_by = ?
                """, arguments: [devlogKey, webhookID, holder])
        }
    }

    /// The devlog keys that have been published at least once: one query for a backlog re-render.
    public func publishedKeys() throws -> Set<String> {
        try perform {
            try pool.read { db in Set(try String.fetchAll(db, sql: "SELECT DISTINCT devlog_key FROM publications")) }
        }
    }

    /// The publications of `devlogKey`, most recent first.
    public func publications(devlogKey: String) throws -> [PublicationRow] {
        try perform {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM publications WHERE devlog_key = ? ORDER BY updated_at DESC, webhook_id",
                                 arguments: [devlogKey]).map {
                    PublicationRow(devlogKey: $0["devlog_key"], webhookID: $0["webhook_id"], mode: $0["mode"], updatedAt: $0["updated_at"])
                }
            }
        }
    }

    static func outboxRow(_ row: Row) -> OutboxRow {
        OutboxRow(devlogKey: row["devlog_key"], webhookID: row["webhook_id"], partIndex: row["part_index"],
                  contentHash: row["content_hash"], state: row["state"], attempts: row["attempts"], lastError: row["last_error"],
                  messageID: row["message_id"], channelID: row["channel_id"], firstSentAt: row["first_sent_at"], updatedAt: row["updated_at"])
    }
}


/// One delivered (or attempted) part of a devlog on one webhook, as the outbox table keeps it.
///
/// A plain record so the store stays free of HTTP: the publisher's own record type is mapped to
/// and from this one outside the store. Holds the webhook id only, never its token.
public struct OutboxRow: Sendable, Hashable {
    /// The devlog's key (a cycle id, as text).
    public var devlogKey: String
    /// The webhook's id.
    public var webhookID: String
    /// The part's position, from 0.
    public var partIndex: Int
    /// The fingerprint of the part's payload when the row was written.
    public var contentHash: String
    /// `pending`, `sent` or `failed`.
    public var state: String
    /// Sends tried for this part, over every run.
    public var attempts: Int
    /// The last failure, already redacted by the publisher.
    public var lastError: String?
    /// Discord's message id, once known.
    public var messageID: String?
    /// Discord's channel (or thread) id, once known.
    public var channelID: String?
    /// When the part was first confirmed sent; kept across later edits. Set by the store.
    public var firstSentAt: Date?
    /// When the row last changed.
    public var updatedAt: Date

    /// Creates a row; ``firstSentAt`` is the store's to fill.
    public init(devlogKey: String, webhookID: String, partIndex: Int, contentHash: String, state: String, attempts: Int,
                lastError: String? = nil, messageID: String? = nil, channelID: String? = nil, firstSentAt: Date? = nil, updatedAt: Date) {
        self.devlogKey = devlogKey
        self.webhookID = webhookID
        self.partIndex = partIndex
        self.contentHash = contentHash
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.messageID = messageID
        self.channelID = channelID
        self.firstSentAt = firstSentAt
        self.updatedAt = updatedAt
    }
}


/// That a devlog was published to a webhook, and how: what a retry needs to rebuild the same parts.
public struct PublicationRow: Sendable, Hashable {
    /// The devlog's key (a cycle id, as text).
    public var devlogKey: String
    /// The webhook's id.
    public var webhookID: String
    /// The delivery mode's name (`text`, `embed`, `file`).
    public var mode: String
    /// When a publish of it last started.
    public var updatedAt: Date

    /// Creates a row.
    public init(devlogKey: String, webhookID: String, mode: String, updatedAt: Date) {
        self.devlogKey = devlogKey
        self.webhookID = webhookID
        self.mode = mode
        self.updatedAt = updatedAt
    }
}
