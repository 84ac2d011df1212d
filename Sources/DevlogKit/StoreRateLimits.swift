import DevlogPublish
import DevlogStore
import Foundation

/// The publisher's ``RateLimitStorage`` over the project's store (SQLite or PostgreSQL): every
/// process that publishes from the store keeps to each webhook's limits together with the others.
struct StoreRateLimits: RateLimitStorage {
    let store: any RecordStore

    func limits(webhookID: String) async throws -> SharedRateLimits {
        let documents = try store.rateLimits(webhookID: webhookID)
        return SharedRateLimits(webhook: Self.decode(documents.webhook) ?? .init(), everyWebhook: Self.decode(documents.everyWebhook) ?? .init())
    }

    func update<T: Sendable>(webhookID: String, _ change: @Sendable (inout SharedRateLimits) throws -> T) async throws -> T {
        try store.updateRateLimits(webhookID: webhookID) { webhook, everyWebhook in
            var limits = SharedRateLimits(webhook: Self.decode(webhook) ?? .init(), everyWebhook: Self.decode(everyWebhook) ?? .init())
            let result = try change(&limits)
            webhook = try Self.encode(limits.webhook)
            everyWebhook = try Self.encode(limits.everyWebhook)
            return result
        }
    }

    /// A document as the publisher's value; one it cannot read (another version wrote it) as
    /// nothing known, which costs at most a 429.
    private static func decode<Value: Decodable>(_ document: String?) -> Value? {
        document.flatMap { try? JSONDecoder().decode(Value.self, from: Data($0.utf8)) }
    }

    private static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        // Equal limits give equal text, so the store writes only what changed.
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
