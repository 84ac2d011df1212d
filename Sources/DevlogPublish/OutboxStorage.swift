/// Durable memory of what was delivered, so a rerun sends only what is missing.
///
/// Records are keyed by (devlog key, webhook id, part index). ``Publisher`` saves a record as
/// `pending` before each send, as `sent` with the message id once Discord confirms, and as
/// `failed` with the redacted error otherwise; surplus parts are removed once deleted in Discord.
/// Implementations must make each call durable before returning.
public protocol OutboxStorage: Sendable {
    /// Every record of `devlogKey` on webhook `webhookID`, in any order.
    func records(devlogKey: String, webhookID: String) async throws -> [OutboxRecord]
    /// Inserts `record`, or replaces the record with the same devlog key, webhook id and part index.
    func save(_ record: OutboxRecord) async throws
    /// Removes the record of part `partIndex`, if there is one.
    func remove(devlogKey: String, webhookID: String, partIndex: Int) async throws
}
