import Foundation

/// The part of Discord's rate limits that every client sending to one webhook must see alike.
///
/// A ``RateLimitStorage`` keeps it, so clients that share one (the processes of a swarm share
/// their SQLite store) keep to one webhook's limits together instead of each pacing for a bucket it
/// believes is its own. ``RateLimiter`` reads and changes it; storages only keep it, as JSON.
///
/// Times are wall-clock dates: the one clock that processes on a machine read alike.
public struct SharedRateLimits: Sendable, Equatable {
    /// What is known of one webhook.
    public struct Webhook: Sendable, Codable, Equatable {
        /// A client's turn to send: one request at a time is in flight per webhook, whichever
        /// process sends it, so the bucket's count is never overtaken by requests under way.
        struct Turn: Sendable, Codable, Equatable {
            /// Names one request of one client.
            var holder: String
            /// When the turn lapses if never given back (its process was killed).
            var until: Date
        }

        /// A bucket as Discord last announced it, less the requests sent since.
        struct Bucket: Sendable, Codable, Equatable {
            var remaining: Int?
            var resetAt: Date?
        }

        var turn: Turn?
        /// `X-RateLimit-Bucket` by route (``RateLimitRoute/description``), once a route revealed it.
        var bucketOfRoute: [String: String] = [:]
        var buckets: [String: Bucket] = [:]
        /// Requests within the channel window, for the per-channel limit no header announces.
        var sends: [Date] = []
        /// The latest time a client wrote here; a clock earlier than this has gone backwards.
        var seenAt: Date?

        /// Nothing known yet.
        public init() {}
    }

    /// What spans every webhook: Discord's global limit, applied to the whole address.
    public struct EveryWebhook: Sendable, Codable, Equatable {
        var globalUntil: Date?

        /// Nothing known yet.
        public init() {}
    }

    /// The webhook's part.
    public var webhook: Webhook
    /// The part every webhook shares.
    public var everyWebhook: EveryWebhook

    /// Limits made of the two parts (new ones when not given).
    public init(webhook: Webhook = Webhook(), everyWebhook: EveryWebhook = EveryWebhook()) {
        self.webhook = webhook
        self.everyWebhook = everyWebhook
    }
}
