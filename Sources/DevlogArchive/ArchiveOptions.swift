/// How ``Archiver`` archives a devlog.
public struct ArchiveOptions: Sendable, Equatable {
    /// How a push that others keep beating is retried: each retry waits a random delay (between
    /// half and all of a ceiling that doubles from `initialDelay` up to `maxDelay`), so agents
    /// that collided spread out, then fetches and replays; no retry starts after `deadline`.
    public struct PushRetry: Sendable, Equatable {
        /// How long after the first push a retry may still start. Default 120 seconds; zero
        /// tries once.
        public var deadline: Duration
        /// The first retry's delay ceiling. Default 50 milliseconds.
        public var initialDelay: Duration
        /// The largest delay ceiling. Default 2 seconds.
        public var maxDelay: Duration

        /// Creates a retry policy; every parameter has the default documented on its property.
        public init(deadline: Duration = .seconds(120), initialDelay: Duration = .milliseconds(50), maxDelay: Duration = .seconds(2)) {
            self.deadline = deadline
            self.initialDelay = initialDelay
            self.maxDelay = maxDelay
        }
    }

    /// The devlog directory relative to the repository's top level. Default `devlogs`.
    public var directory: String
    /// The commits' author and committer. Default ``GitAuthor/devlog``.
    public var author: GitAuthor
    /// Push the current branch to its upstream (or `origin`) after committing. Default `false`.
    public var push: Bool
    /// How rejected pushes are retried. Default ``PushRetry/init(deadline:initialDelay:maxDelay:)``.
    public var pushRetry: PushRetry
    /// Extra environment for every git command (`GIT_SSH_COMMAND`, `GIT_CONFIG_GLOBAL`). Default empty.
    public var gitEnvironment: [String: String]

    /// Creates options; every parameter has the default documented on its property.
    public init(
        directory: String = "devlogs", author: GitAuthor = .devlog, push: Bool = false,
        pushRetry: PushRetry = PushRetry(), gitEnvironment: [String: String] = [:]
    ) {
        self.directory = directory
        self.author = author
        self.push = push
        self.pushRetry = pushRetry
        self.gitEnvironment = gitEnvironment
    }
}
