import Foundation

/// One message of a devlog delivery: its payload and the fingerprint that tells whether it
/// changed since it was last posted.
public struct DeliveryPart: Sendable, Equatable {
    /// The fingerprint of ``message``.
    public var contentHash: String
    /// What to post.
    public var message: WebhookMessage

    /// Creates a part whose fingerprint is ``WebhookMessage/contentHash``.
    public init(_ message: WebhookMessage) {
        self.contentHash = message.contentHash
        self.message = message
    }

    /// Text mode: the devlog split into messages of at most 2000 characters.
    public static func text(_ markdown: String, splitter: MessageSplitter = MessageSplitter(), username: String? = nil) -> [DeliveryPart] {
        splitter.split(markdown).map { DeliveryPart(WebhookMessage(content: $0, username: username)) }
    }

    /// Embed mode: one summary embed.
    public static func embed(_ summary: DevlogSummary, builder: EmbedBuilder = EmbedBuilder(), username: String? = nil) -> [DeliveryPart] {
        [DeliveryPart(WebhookMessage(embeds: [builder.embed(for: summary)], username: username))]
    }

    /// File mode: a short summary as content and the whole markdown attached as `files[0]`.
    public static func file(_ markdown: String, named fileName: String, summary: String, username: String? = nil) -> [DeliveryPart] {
        let content = DiscordLimits.truncate(summary, to: DiscordLimits.content)
        let file = WebhookFile(name: fileName, data: Data(markdown.utf8))
        return [DeliveryPart(WebhookMessage(content: content, files: [file], username: username))]
    }
}
