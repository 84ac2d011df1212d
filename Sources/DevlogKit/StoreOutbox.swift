import DevlogPublish
import DevlogStore

/// The publisher's ``OutboxStorage`` over the project's store (SQLite or PostgreSQL): each call
/// is one committed transaction, so a run killed at any instant finds every confirmed part on
/// its rerun, on any machine sharing the store.
struct StoreOutbox: OutboxStorage {
    let store: any RecordStore

    func records(devlogKey: String, webhookID: String) async throws -> [OutboxRecord] {
        try store.outboxRows(devlogKey: devlogKey, webhookID: webhookID).map(Self.record)
    }

    func save(_ record: OutboxRecord) async throws {
        try store.saveOutboxRow(OutboxRow(
            devlogKey: record.devlogKey, webhookID: record.webhookID, partIndex: record.partIndex, contentHash: record.contentHash,
            state: record.state.rawValue, attempts: record.attempts, lastError: record.lastError, messageID: record.messageID,
            channelID: record.channelID, updatedAt: record.updatedAt))
    }

    func remove(devlogKey: String, webhookID: String, partIndex: Int) async throws {
        try store.removeOutboxRow(devlogKey: devlogKey, webhookID: webhookID, partIndex: partIndex)
    }

    /// A row as the publisher's record; an unknown state (a newer devlog wrote it) reads as failed,
    /// which makes the publisher check the part again rather than trust it.
    static func record(_ row: OutboxRow) -> OutboxRecord {
        OutboxRecord(devlogKey: row.devlogKey, webhookID: row.webhookID, partIndex: row.partIndex, contentHash: row.contentHash,
                     state: OutboxRecord.State(rawValue: row.state) ?? .failed, attempts: row.attempts, lastError: row.lastError,
                     messageID: row.messageID, channelID: row.channelID, updatedAt: row.updatedAt)
    }
}
