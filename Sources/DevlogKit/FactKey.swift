/// The fact keys the archiver records for a cycle, and where each fills a devlog's placeholders.
public enum FactKey {
    /// The newest commit of the cycle.
    public static let commitHash = "commit.hash"
    /// Its subject.
    public static let commitMessage = "commit.message"
    /// How many distinct files the cycle's commits changed.
    public static let filesChanged = "commit.files"
    /// One line per commit: `` `abc1234` subject (N files) ``.
    public static let commitList = "commit.list"
    /// The branch (or `detached at …`).
    public static let branch = "git.branch"
    /// The work tree's state when the cycle was archived.
    public static let treeState = "git.tree"
    /// Where the devlog was posted (`webhook 1234…`).
    public static let discordChannel = "discord.channel"
    /// When it was first posted.
    public static let discordTime = "discord.time"
    /// The Discord message ids, comma-separated.
    public static let discordMessages = "discord.messages"
}
