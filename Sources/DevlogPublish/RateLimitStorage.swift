/// Where clients keep the ``SharedRateLimits`` of each webhook. Clients that share one storage
/// keep to Discord's limits together: those of one process share an
/// ``InMemoryRateLimitStorage``, processes share their database (DevlogKit's store).
///
/// The global part (``SharedRateLimits/everyWebhook``) is one for all webhooks of a storage.
public protocol RateLimitStorage: Sendable {
    /// The limits of webhook `webhookID` as they stand, read without holding up writers.
    func limits(webhookID: String) async throws -> SharedRateLimits
    /// Reads the limits of webhook `webhookID`, lets `change` change them and keeps the result, as
    /// one step that no other client of this storage interleaves with. `change` may run more than
    /// once (a busy database retries the whole step): keep it free of side effects.
    func update<T: Sendable>(webhookID: String, _ change: @Sendable (inout SharedRateLimits) throws -> T) async throws -> T
}
