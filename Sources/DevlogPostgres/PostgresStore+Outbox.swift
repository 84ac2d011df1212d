public import DevlogStore
public import Foundation
import PostgresNIO

/// The publish outbox and the coordination of publishing processes on every machine.
extension PostgresStore {
    /// Every outbox row of `devlogKey` on webhook `webhookID`, by part index.
    public func outboxRows(devlogKey: String, webhookID: String) throws -> [OutboxRow] {
        try session.rows("""
            SELECT \(unescaped: Self.outboxColumns) FROM outbox WHERE devlog_key = \(devlogKey) AND webhook_id = \(webhookID) ORDER BY part_index
            """).map(Self.outboxRow)
    }

    /// Inserts `row` or replaces the row of the same devlog, webhook and part; the first time the
    /// part is confirmed sent is kept across later writes.
    public func saveOutboxRow(_ row: OutboxRow) throws {
        _ = try session.rows("""
            INSERT INTO outbox (devlog_key, webhook_id, part_index, content_hash, state, attempts, last_error,
                                message_id, channel_id, first_sent_at, updated_at)
            VALUES (\(row.devlogKey), \(row.webhookID), \(row.partIndex), \(row.contentHash), \(row.state), \(row.attempts),
                    \(row.lastError), \(row.messageID), \(row.channelID), CASE WHEN \(row.state) = 'sent' THEN \(row.updatedAt) END,
                    \(row.updatedAt))
            ON CONFLICT (devlog_key, webhook_id, part_index) DO UPDATE SET
                content_hash = excluded.content_hash, state = excluded.state, attempts = excluded.attempts,
                last_error = excluded.last_error, message_id = excluded.message_id, channel_id = excluded.channel_id,
                first_sent_at = COALESCE(outbox.first_sent_at, excluded.first_sent_at), updated_at = excluded.updated_at
            """)
    }

    /// Removes the row of part `partIndex`, if there is one.
    public func removeOutboxRow(devlogKey: String, webhookID: String, partIndex: Int) throws {
        _ = try session.rows("DELETE FROM outbox WHERE devlog_key = \(devlogKey) AND webhook_id = \(webhookID) AND part_index = \(partIndex)")
    }

    /// Every row not confirmed sent (pending or failed), oldest change first.
    public func pendingDeliveries() throws -> [OutboxRow] {
        try session.rows("""
            SELECT \(unescaped: Self.outboxColumns) FROM outbox WHERE state <> 'sent' ORDER BY updated_at, devlog_key, webhook_id, part_index
            """).map(Self.outboxRow)
    }

    /// Claims the publication for `holder` unless another holder's claim lasts: one upsert that
    /// only takes the row when it is free, lapsed or already `holder`'s, so two machines never
    /// both win. The lease (`until - now`) runs on the server's clock, which every machine shares.
    public func claimPublication(_ publication: PublicationRow, holder: String, until: Date, now: Date) throws -> Date? {
        let lease = until.timeIntervalSince(now)
        return try session.transaction { transaction -> Date? in
            let taken = try transaction.execute("""
                INSERT INTO publications (devlog_key, webhook_id, mode, updated_at, claimed_by, claimed_until)
                VALUES (\(publication.devlogKey), \(publication.webhookID), \(publication.mode), \(publication.updatedAt), \(holder),
                        clock_timestamp() + make_interval(secs => \(lease)))
                ON CONFLICT (devlog_key, webhook_id) DO UPDATE SET
                    mode = excluded.mode, updated_at = excluded.updated_at,
                    claimed_by = excluded.claimed_by, claimed_until = excluded.claimed_until
                WHERE publications.claimed_by IS NULL OR publications.claimed_by = excluded.claimed_by
                   OR publications.claimed_until IS NULL OR publications.claimed_until <= clock_timestamp()
                """)
            if taken > 0 { return nil }
            // Held elsewhere: when that claim lapses, in this machine's time.
            let left = try transaction.rows("""
                SELECT EXTRACT(EPOCH FROM claimed_until - clock_timestamp())::float8 FROM publications
                WHERE devlog_key = \(publication.devlogKey) AND webhook_id = \(publication.webhookID)
                """).first.flatMap { try $0.decode(Double?.self) }
            return now + max(0, left ?? 0)
        }
    }

    /// Extends `holder`'s claim by the same lease, on the server's clock; false when the claim is
    /// no longer its own.
    @discardableResult
    public func renewPublicationClaim(devlogKey: String, webhookID: String, holder: String, until: Date) throws -> Bool {
        let lease = until.timeIntervalSinceNow
        return try session.transaction { transaction in
            try transaction.execute("""
                UPDATE publications SET claimed_until = clock_timestamp() + make_interval(secs => \(lease))
                WHERE devlog_key = \(devlogKey) AND webhook_id = \(webhookID) AND claimed_by = \(holder)
                """) > 0
        }
    }

    /// Ends `holder`'s claim; with `deliveredRevision`, that revision is confirmed whole.
    public func endPublication(devlogKey: String, webhookID: String, holder: String, deliveredRevision: Int64?) throws {
        try session.transaction { transaction in
            if let deliveredRevision {
                try transaction.execute("""
                    UPDATE publications SET revision = \(deliveredRevision) WHERE devlog_key = \(devlogKey) AND webhook_id = \(webhookID)
                    """)
            }
            try transaction.execute("""
                UPDATE publications SET claimed_by = NULL, claimed_until = NULL
                WHERE devlog_key = \(devlogKey) AND webhook_id = \(webhookID) AND claimed_by = \(holder)
                """)
        }
    }

    /// The devlog keys that have been published at least once.
    public func publishedKeys() throws -> Set<String> {
        Set(try session.rows("SELECT DISTINCT devlog_key FROM publications").map { try $0.decode(String.self) })
    }

    /// The publications of `devlogKey`, most recent first.
    public func publications(devlogKey: String) throws -> [PublicationRow] {
        try session.rows("""
            SELECT devlog_key, webhook_id, mode, updated_at FROM publications WHERE devlog_key = \(devlogKey)
            ORDER BY updated_at DESC, webhook_id
            """).map {
            let (key, webhook, mode, updated) = try $0.decode((String, String, String, Date).self)
            return PublicationRow(devlogKey: key, webhookID: webhook, mode: mode, updatedAt: updated)
        }
    }

    static let outboxColumns = """
        devlog_key, webhook_id, part_index, content_hash, state, attempts, last_error, message_id, channel_id, first_sent_at, updated_at
        """

    static func outboxRow(_ row: PostgresRow) throws -> OutboxRow {
        let (key, webhook, part, hash, state, attempts, error, message, channel, first, updated) = try row.decode(
            (String, String, Int, String, String, Int, String?, String?, String?, Date?, Date).self)
        return OutboxRow(devlogKey: key, webhookID: webhook, partIndex: part, contentHash: hash, state: state, attempts: attempts,
                         lastError: error, messageID: message, channelID: channel, firstSentAt: first, updatedAt: updated)
    }
}
