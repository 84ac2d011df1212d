import Foundation

extension DiscordSandbox {
    /// How the sandbox listens, which webhooks it knows and how strict its limits are. The defaults are
    /// Discord's documented numbers; tests shrink the ban threshold and the windows.
    public struct Configuration: Sendable {
        /// A webhook the sandbox accepts.
        public struct Webhook: Sendable, Equatable {
            /// Snowflake id (digits).
            public var id: String
            /// The secret part of the URL.
            public var token: String
            /// The channel its messages land in; channels share the per-channel limit.
            public var channelID: String
            /// The name messages show when the request gives no `username`.
            public var name: String

            /// A webhook in the default channel.
            public init(
                id: String, token: String, channelID: String = Configuration.defaultChannelID,
                name: String = Configuration.defaultWebhookName
            ) {
                self.id = id
                self.token = token
                self.channelID = channelID
                self.name = name
            }

            /// `POST` URL for this webhook under `base` (e.g. `http://127.0.0.1:PORT`).
            public func url(base: String) -> String { "\(base)/api/v10/webhooks/\(id)/\(token)" }
        }

        /// The channel webhooks post to unless configured otherwise.
        public static let defaultChannelID = "1100000000000000001"
        /// The name of webhooks the sandbox creates.
        public static let defaultWebhookName = "Devlog Sandbox"
        /// The webhook that always exists: `/api/v10/webhooks/1200000000000000001/sandbox-token`.
        public static let defaultWebhook = Webhook(id: "1200000000000000001", token: "sandbox-token")

        /// Address to bind; must be a loopback address (`127.0.0.1` by default) — the sandbox is never
        /// reachable from another machine.
        public var host = "127.0.0.1"
        /// Port to bind; 0 (the default) picks a free one, reported to `onReady`.
        public var port = 0
        /// Requests per webhook bucket window (Discord: 5).
        public var bucketLimit = 5
        /// Seconds a webhook bucket window lasts (Discord: 2).
        public var bucketWindow = 2.0
        /// Messages a channel takes per ``channelWindow``; no header announces this limit (Discord: 30).
        public var channelLimitPerMinute = 30
        /// Seconds the per-channel limit spans (60; shorten it in tests).
        public var channelWindow = 60.0
        /// 401/403/429 answers to one client address within ``banWindow`` that get it banned (Discord: 10,000).
        public var banThreshold = 10_000
        /// Seconds over which invalid answers are counted (Discord: 600).
        public var banWindow = 600.0
        /// Seconds a ban lasts (Discord does not say; an hour is what users report).
        public var banDuration = 3600.0
        /// Largest file accepted, in bytes (10 MiB); bigger gets 413 / 40005.
        public var maxFileSize = 10 * 1024 * 1024
        /// Webhooks known from the start.
        public var webhooks = [Configuration.defaultWebhook]
        /// When true (the default) any unknown webhook id is accepted and bound to the first token used
        /// with it, so `devlog sandbox` works with whatever URL a user pastes; later requests with another
        /// token get 401 / 50027. When false, unknown ids get 404 / 10015.
        public var acceptsUnknownWebhooks = true
        /// Where the sandbox reads the time for rate-limit windows, the ban, snowflakes and timestamps. A test
        /// whose client waits on a manual clock passes that clock here, so both sides see the same time.
        public var now: @Sendable () -> Date = { Date() }
        /// When true, every API request is kept in ``SandboxState/requests`` (method, headers, body), for
        /// tests that check what went over the wire. Off by default: a long-running sandbox would keep every body.
        public var recordsRequests = false

        /// The defaults above.
        public init() {}
    }
}
