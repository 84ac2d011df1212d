/// The `site:` section of `.devlog/config.yaml`: where `devlog site` writes, and how its pages
/// link a devlog's commit and Discord message.
public struct SiteSettings: Sendable, Hashable {
    /// The site's folder (`site.directory`); when set, `devlog cycle` refreshes the site at its end.
    public var directory: String?
    /// A commit's web address with `{hash}` where the hash goes (`site.commit_url`,
    /// `https://github.com/org/repo/commit/{hash}`); without it a commit is shown, not linked.
    public var commitURL: String?
    /// The Discord server the webhooks post in (`site.discord_server`), which a message link
    /// needs and a webhook does not tell; without it a message is shown, not linked.
    public var discordServer: String?

    /// Settings; the default writes no site on its own and links nothing.
    public init(directory: String? = nil, commitURL: String? = nil, discordServer: String? = nil) {
        self.directory = directory
        self.commitURL = commitURL
        self.discordServer = discordServer
    }
}
