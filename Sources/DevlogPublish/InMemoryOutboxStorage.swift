import Synchronization

/// An ``OutboxStorage`` in memory, for tests and dry runs; forgets everything when released.
public final class InMemoryOutboxStorage: OutboxStorage {
    private struct Key: Hashable {
        let devlogKey: String
        let webhookID: String
        let partIndex: Int
    }

    private let table = Mutex<[Key: OutboxRecord]>([:])

    /// Creates an empty outbox.
    public init() {}

    /// Every record of `devlogKey` on `webhookID`, by part index.
    public func records(devlogKey: String, webhookID: String) async throws -> [OutboxRecord] {
        table.withLock { table in
            table.values.filter { $0.devlogKey == devlogKey && $0.webhookID == webhookID }.sorted { $0.partIndex < $1.partIndex }
        }
    }

    /// Inserts or replaces `record`.
    public func save(_ record: OutboxRecord) async throws {
        table.withLock { $0[Key(devlogKey: record.devlogKey, webhookID: record.webhookID, partIndex: record.partIndex)] = record }
    }

    /// Removes the record of part `partIndex`.
    public func remove(devlogKey: String, webhookID: String, partIndex: Int) async throws {
        _ = table.withLock { $0.removeValue(forKey: Key(devlogKey: devlogKey, webhookID: webhookID, partIndex: partIndex)) }
    }

    /// Every record held, by devlog key, webhook id and part index.
    public var allRecords: [OutboxRecord] {
        table.withLock { table in
            table.values.sorted { ($0.devlogKey, $0.webhookID, $0.partIndex) < ($1.devlogKey, $1.webhookID, $1.partIndex) }
        }
    }
}
