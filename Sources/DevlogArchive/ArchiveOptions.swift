/// How ``Archiver`` archives a devlog.
public struct ArchiveOptions: Sendable, Equatable {
    /// The devlog directory relative to the repository's top level. Default `devlogs`.
    public var directory: String
    /// The commits' author and committer. Default ``GitAuthor/devlog``.
    public var author: GitAuthor
    /// Push the current branch to its upstream (or `origin`) after committing. Default `false`.
    public var push: Bool
    /// How many pushes to try in all when others keep pushing first. Default 5.
    public var maxPushAttempts: Int
    /// Extra environment for every git command (`GIT_SSH_COMMAND`, `GIT_CONFIG_GLOBAL`). Default empty.
    public var gitEnvironment: [String: String]

    /// Creates options; every parameter has the default documented on its property.
    public init(
        directory: String = "devlogs", author: GitAuthor = .devlog, push: Bool = false,
        maxPushAttempts: Int = 5, gitEnvironment: [String: String] = [:]
    ) {
        self.directory = directory
        self.author = author
        self.push = push
        self.maxPushAttempts = maxPushAttempts
        self.gitEnvironment = gitEnvironment
    }
}
