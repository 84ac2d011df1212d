public import DevlogPublish

/// Where and how devlogs are posted, from the `discord:` section of `.devlog/config.yaml`.
public struct DiscordSettings: Sendable {
    /// The default webhook (`discord.webhook`); nil when not configured.
    public var webhook: WebhookURL?
    /// Per-agent webhooks (`discord.agents`), by agent id; they win over ``webhook``.
    public var agentWebhooks: [String: WebhookURL]
    /// The username messages are posted under (`discord.username`); nil keeps the webhook's name.
    public var username: String?
    /// The layout (`discord.mode`). Default ``PublishMode/text``.
    public var mode: PublishMode

    /// Creates settings; the defaults are an unconfigured webhook in text mode.
    public init(webhook: WebhookURL? = nil, agentWebhooks: [String: WebhookURL] = [:], username: String? = nil, mode: PublishMode = .text) {
        self.webhook = webhook
        self.agentWebhooks = agentWebhooks
        self.username = username
        self.mode = mode
    }

    /// Every configured webhook (default first, then agents by name), to find one by id.
    public var allWebhooks: [WebhookURL] {
        (webhook.map { [$0] } ?? []) + agentWebhooks.sorted { $0.key < $1.key }.map(\.value)
    }
}
