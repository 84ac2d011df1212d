public import DevlogStore
import Foundation
import PostgresNIO

/// Moving a store: everything another store needs to carry on, read and written whole.
extension PostgresStore {
    /// Every cycle as stored, with its facts, publications and outbox rows, from one snapshot.
    public func contents() throws -> StoreContents {
        try session.transaction(readOnly: true) { transaction in
            let ids = try transaction.rows("SELECT id FROM cycles ORDER BY id").map { try $0.decode(Int64.self) }
            let cycles = try ids.compactMap { try Self.load(id: $0, transaction) }
            var facts: [Int64: [String: String]] = [:]
            for row in try transaction.rows("SELECT cycle_id, key, value FROM cycle_facts") {
                let (id, key, value) = try row.decode((Int64, String, String).self)
                facts[id, default: [:]][key] = value
            }
            let publications = try transaction.rows("""
                SELECT devlog_key, webhook_id, mode, updated_at, revision FROM publications ORDER BY devlog_key, webhook_id
                """).map { row in
                let (key, webhook, mode, updated, revision) = try row.decode((String, String, String, Date, Int64?).self)
                return PublicationState(row: PublicationRow(devlogKey: key, webhookID: webhook, mode: mode, updatedAt: updated), revision: revision)
            }
            let outbox = try transaction.rows("""
                SELECT \(unescaped: Self.outboxColumns) FROM outbox ORDER BY devlog_key, webhook_id, part_index
                """).map(Self.outboxRow)
            return StoreContents(cycles: cycles, facts: facts, publications: publications, outbox: outbox)
        }
    }

    /// Writes `contents` under the same ids in one transaction; what is there already under the
    /// same id and identity is replaced, so a second copy changes nothing. New cycles made here
    /// afterwards get ids above every copied one.
    public func receive(_ contents: StoreContents) throws {
        try session.transaction { transaction in
            for stored in contents.cycles {
                let records = try CycleRecords.admitted(Result { try CycleRecords(stored.devlog) }, limit: Int.max)
                try Self.lockIdentity(stored.identity, transaction)
                let existing = try Self.existing(id: stored.id, transaction)
                if let existing, existing.identity != stored.identity {
                    throw StoreError.moveConflict(id: stored.id, identity: stored.identity, existing: existing.identity)
                }
                if let other = try Self.existing(identity: stored.identity, transaction), other.id != stored.id {
                    throw StoreError.moveConflict(id: stored.id, identity: stored.identity, existing: "cycle \(other.id)")
                }
                try Self.writeMoved(stored, records: records, replacing: existing != nil, transaction)
            }
            try transaction.execute("""
                SELECT setval(pg_get_serial_sequence('cycles', 'id'), GREATEST((SELECT max(id) FROM cycles), 1))
                """)
            for (cycleID, facts) in contents.facts { try Self.writeFacts(facts, cycleID: cycleID, transaction) }
            for publication in contents.publications {
                let row = publication.row
                try transaction.execute("""
                    INSERT INTO publications (devlog_key, webhook_id, mode, updated_at, revision)
                    VALUES (\(row.devlogKey), \(row.webhookID), \(row.mode), \(row.updatedAt), \(publication.revision))
                    ON CONFLICT (devlog_key, webhook_id) DO UPDATE SET
                        mode = excluded.mode, updated_at = excluded.updated_at, revision = excluded.revision
                    """)
            }
            for row in contents.outbox {
                try transaction.execute("""
                    INSERT INTO outbox (devlog_key, webhook_id, part_index, content_hash, state, attempts, last_error,
                                        message_id, channel_id, first_sent_at, updated_at)
                    VALUES (\(row.devlogKey), \(row.webhookID), \(row.partIndex), \(row.contentHash), \(row.state), \(row.attempts),
                            \(row.lastError), \(row.messageID), \(row.channelID), \(row.firstSentAt), \(row.updatedAt))
                    ON CONFLICT (devlog_key, webhook_id, part_index) DO UPDATE SET
                        content_hash = excluded.content_hash, state = excluded.state, attempts = excluded.attempts,
                        last_error = excluded.last_error, message_id = excluded.message_id, channel_id = excluded.channel_id,
                        first_sent_at = excluded.first_sent_at, updated_at = excluded.updated_at
                    """)
            }
        }
        cache.withLock { $0.removeAll() }
    }
}
