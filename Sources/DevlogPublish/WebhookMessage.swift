import Foundation

/// What one webhook message says: content, embeds and files, plus optional identity overrides.
///
/// Mentions never ping: every request carries `allowed_mentions: {"parse": []}`, so `@everyone`,
/// role and user mentions in a devlog render as text only.
public struct WebhookMessage: Sendable, Equatable {
    /// The text (at most 2000 characters as Discord counts them, see ``DiscordLimits``).
    public var content: String?
    /// The embeds (at most 10, 6000 characters in total).
    public var embeds: [DiscordEmbed]
    /// Files sent as multipart attachments (at most 10, 10 MiB each).
    public var files: [WebhookFile]
    /// A username override (1–80 characters, never containing "discord" or "clyde").
    public var username: String?
    /// An avatar image URL override (http or https).
    public var avatarURL: String?
    /// The name of a new thread to create, for webhooks on forum or media channels.
    public var threadName: String?

    /// Creates a message.
    public init(
        content: String? = nil, embeds: [DiscordEmbed] = [], files: [WebhookFile] = [],
        username: String? = nil, avatarURL: String? = nil, threadName: String? = nil
    ) {
        self.content = content
        self.embeds = embeds
        self.files = files
        self.username = username
        self.avatarURL = avatarURL
        self.threadName = threadName
    }

    /// Every reason Discord would refuse this message, as `field: problem` lines; empty when valid.
    /// Without `checkingIdentity`, the username and avatar overrides are not checked (an edit does
    /// not send them).
    public func violations(checkingIdentity: Bool = true) -> [String] {
        var problems: [String] = []
        let contentLength = content.map(DiscordLimits.count) ?? 0
        if contentLength > DiscordLimits.content {
            problems.append("content: \(contentLength) characters, at most \(DiscordLimits.content) allowed; split it with MessageSplitter or send it as a file")
        }
        if (content ?? "").allSatisfy(\.isWhitespace) && embeds.isEmpty && files.isEmpty {
            problems.append("content: the message is empty; give it content, an embed or a file")
        }
        if embeds.count > DiscordLimits.embedsPerMessage {
            problems.append("embeds: \(embeds.count) embeds, at most \(DiscordLimits.embedsPerMessage) allowed")
        }
        for (index, embed) in embeds.enumerated() {
            problems += embed.violations(prefix: "embeds.\(index).")
        }
        let total = embeds.reduce(0) { $0 + $1.totalCharacters }
        if total > DiscordLimits.embedTotal {
            problems.append("embeds: \(total) characters in all embeds, at most \(DiscordLimits.embedTotal) allowed")
        }
        if files.count > DiscordLimits.filesPerMessage {
            problems.append("files: \(files.count) files, at most \(DiscordLimits.filesPerMessage) allowed")
        }
        for (index, file) in files.enumerated() where file.data.count > DiscordLimits.fileBytes {
            problems.append("files.\(index): \(file.data.count) bytes, at most \(DiscordLimits.fileBytes) (10 MiB) allowed")
        }
        guard checkingIdentity else { return problems }
        if let username {
            problems += Self.usernameViolations(username).map { "username: \($0)" }
        }
        if let avatarURL, !(avatarURL.hasPrefix("https://") || avatarURL.hasPrefix("http://")) {
            problems.append("avatar_url: not an http(s) URL; give the address of an image")
        }
        return problems
    }

    /// Every reason Discord would refuse `username` as the name a message is posted under,
    /// without the field name; empty when valid.
    public static func usernameViolations(_ username: String) -> [String] {
        var problems: [String] = []
        let length = DiscordLimits.count(username)
        if !DiscordLimits.username.contains(length) {
            problems.append("\(length) characters, 1 to 80 allowed")
        }
        let lowered = username.lowercased()
        if lowered.contains("discord") || lowered.contains("clyde") {
            problems.append("must not contain \"discord\" or \"clyde\"; choose another name")
        }
        return problems
    }
}
