import Foundation
import GRDB

/// Moving a store: everything another store needs to carry on, read and written whole.
extension DevlogStore {
    /// Every cycle as stored, with its facts, publications and outbox rows, read in one transaction.
    public func contents() throws -> StoreContents {
        try perform {
            try pool.read { db in
                let ids = try Int64.fetchAll(db, sql: "SELECT id FROM cycles ORDER BY id")
                let cycles = try ids.compactMap { try Self.load(id: $0, db) }
                var facts: [Int64: [String: String]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT cycle_id, key, value FROM cycle_facts") {
                    facts[row["cycle_id"] as Int64, default: [:]][row["key"] as String] = row["value"] as String
                }
                let publications = try Row.fetchAll(db, sql: "SELECT * FROM publications ORDER BY devlog_key, webhook_id").map {
                    PublicationState(row: PublicationRow(devlogKey: $0["devlog_key"], webhookID: $0["webhook_id"], mode: $0["mode"],
                                                         updatedAt: $0["updated_at"]),
                                     revision: $0["revision"])
                }
                let outbox = try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY devlog_key, webhook_id, part_index").map(Self.outboxRow)
                return StoreContents(cycles: cycles, facts: facts, publications: publications, outbox: outbox)
            }
        }
    }

    /// Writes `contents` under the same ids in one transaction; what is there already under the
    /// same id and identity is replaced, so a second copy changes nothing.
    public func receive(_ contents: StoreContents) throws {
        try writing { db in
            for stored in contents.cycles {
                let records = try CycleRecords.admitted(Result { try CycleRecords(stored.devlog) }, limit: Int.max)
                let existing = try CycleRecords.existing(id: stored.id, db)
                if let existing, existing.identity != stored.identity {
                    throw StoreError.moveConflict(id: stored.id, identity: stored.identity, existing: existing.identity)
                }
                if let other = try CycleRecords.existing(identity: stored.identity, db), other.id != stored.id {
                    throw StoreError.moveConflict(id: stored.id, identity: stored.identity, existing: "cycle \(other.id)")
                }
                try records.writeMoved(stored, replacing: existing != nil, db)
            }
            for (cycleID, facts) in contents.facts {
                for (key, value) in facts {
                    try db.execute(sql: "INSERT OR REPLACE INTO cycle_facts (cycle_id, key, value) VALUES (?, ?, ?)",
                                   arguments: [cycleID, key, value])
                }
            }
            for publication in contents.publications {
                let row = publication.row
                try db.execute(sql: """
                    INSERT INTO publications (devlog_key, webhook_id, mode, updated_at, revision) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (devlog_key, webhook_id) DO UPDATE SET
                        mode = excluded.mode, updated_at = excluded.updated_at, revision = excluded.revision
                    """, arguments: [row.devlogKey, row.webhookID, row.mode, row.updatedAt, publication.revision])
            }
            for row in contents.outbox {
                try db.execute(sql: """
                    INSERT OR REPLACE INTO outbox (devlog_key, webhook_id, part_index, content_hash, state, attempts, last_error,
                                                   message_id, channel_id, first_sent_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [row.devlogKey, row.webhookID, row.partIndex, row.contentHash, row.state, row.attempts,
                                     row.lastError, row.messageID, row.channelID, row.firstSentAt, row.updatedAt])
            }
        }
        cache.withLock { $0 = RecordCache(capacity: $0.capacity) }
    }
}
