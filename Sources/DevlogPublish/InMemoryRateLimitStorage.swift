import Synchronization

/// A ``RateLimitStorage`` in memory: the clients of one process that share it keep to Discord's
/// limits together. The default of a ``DiscordClient`` made without one.
public final class InMemoryRateLimitStorage: RateLimitStorage {
    private let table = Mutex<(webhooks: [String: SharedRateLimits.Webhook], everyWebhook: SharedRateLimits.EveryWebhook)>(([:], .init()))

    /// Creates a storage that knows nothing yet.
    public init() {}

    /// The limits of webhook `webhookID`.
    public func limits(webhookID: String) async throws -> SharedRateLimits {
        table.withLock { SharedRateLimits(webhook: $0.webhooks[webhookID] ?? .init(), everyWebhook: $0.everyWebhook) }
    }

    /// Runs `change` on the limits of webhook `webhookID` under the storage's lock.
    public func update<T: Sendable>(webhookID: String, _ change: @Sendable (inout SharedRateLimits) throws -> T) async throws -> T {
        try table.withLock { table in
            var limits = SharedRateLimits(webhook: table.webhooks[webhookID] ?? .init(), everyWebhook: table.everyWebhook)
            let result = try change(&limits)
            table.webhooks[webhookID] = limits.webhook
            table.everyWebhook = limits.everyWebhook
            return result
        }
    }
}
