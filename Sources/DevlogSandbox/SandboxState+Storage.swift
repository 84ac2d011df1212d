import Foundation

extension SandboxState {
    /// The mutable state behind ``SandboxState``'s lock, with the operations the responder needs.
    struct Storage: Sendable {
        var messages: [SandboxMessage] = []
        var counters = SandboxCounters()
        var faults: [SandboxFault] = []
        private(set) var requests: [SandboxRequest] = []
        var limiter: SandboxRateLimiter
        private var webhooks: [String: DiscordSandbox.Configuration.Webhook]
        private let acceptsUnknownWebhooks: Bool
        private var lastSnowflake: UInt64 = 0

        init(configuration: DiscordSandbox.Configuration) {
            limiter = SandboxRateLimiter(
                settings: .init(
                    bucketLimit: configuration.bucketLimit, bucketWindow: configuration.bucketWindow,
                    channelLimit: configuration.channelLimitPerMinute, channelWindow: configuration.channelWindow,
                    banThreshold: configuration.banThreshold, banWindow: configuration.banWindow,
                    banDuration: configuration.banDuration))
            webhooks = Dictionary(configuration.webhooks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            acceptsUnknownWebhooks = configuration.acceptsUnknownWebhooks
        }

        /// Counts an API request and keeps `record` when given; returns the client's remaining ban, else the
        /// next queued fault.
        mutating func begin(
            route: String, client: String, now: Double, record: SandboxRequest?
        ) -> (banned: Double?, fault: SandboxFault?) {
            counters.requests += 1
            counters.byRoute[route, default: 0] += 1
            if let record { requests.append(record) }
            if let remaining = limiter.banRemaining(client: client, now: now) {
                return (remaining, nil)
            }
            return (nil, faults.isEmpty ? nil : faults.removeFirst())
        }

        /// Counts an answer and feeds 401/403/429 (except shared-scope 429s) to the invalid-request limit.
        mutating func finish(status: Int, scope: String?, isBan: Bool, client: String, now: Double) {
            counters.byStatus[status, default: 0] += 1
            if status == 429 { counters.rateLimited += 1 }
            if isBan {
                counters.banned += 1
            } else if status == 401 || status == 403 || (status == 429 && scope != "shared") {
                limiter.recordInvalid(client: client, now: now)
            }
        }

        /// The webhook for this id and token, or the error Discord gives for it.
        mutating func webhook(id: String, token: String) -> Result<DiscordSandbox.Configuration.Webhook, SandboxAPIError> {
            if let known = webhooks[id] {
                return known.token == token ? .success(known) : .failure(.invalidToken)
            }
            guard acceptsUnknownWebhooks else { return .failure(.unknownWebhook) }
            let created = DiscordSandbox.Configuration.Webhook(id: id, token: token)
            webhooks[id] = created
            return .success(created)
        }

        /// A new snowflake: milliseconds since Discord's epoch (2015-01-01) shifted left 22 bits, kept
        /// strictly increasing so ids sort in posting order.
        mutating func nextSnowflake(now: Double) -> String {
            let discordEpochMilliseconds: UInt64 = 1_420_070_400_000
            let milliseconds = UInt64(max(0, now * 1000)) &- discordEpochMilliseconds
            lastSnowflake = max(milliseconds << 22, lastSnowflake + 1)
            return String(lastSnowflake)
        }

        /// Index of the live message `id` posted by `webhookID` in `threadID` (Discord scopes message
        /// routes to the webhook's channel, or to the thread named by `thread_id`).
        func liveMessageIndex(id: String, webhookID: String, threadID: String?) -> Int? {
            messages.firstIndex {
                $0.id == id && $0.webhookID == webhookID && !$0.isDeleted && $0.threadID == threadID
            }
        }
    }
}
