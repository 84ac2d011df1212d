/// Where published devlogs are committed, from the `archive:` section of `.devlog/config.yaml`.
public struct ArchiveSettings: Sendable, Hashable {
    /// The git repository's folder (`archive.repo`), absolute: a relative one is resolved against
    /// the project folder. Default: the project folder.
    public var repositoryPath: String
    /// The folder inside the repository that holds devlogs (`archive.directory`). Default `devlogs`.
    public var directory: String
    /// The commit author's name (`archive.author.name`). Default `devlog`.
    public var authorName: String
    /// The commit author's email (`archive.author.email`). Default `devlog@localhost`.
    public var authorEmail: String
    /// Whether to push after committing (`archive.push`). Default false.
    public var push: Bool
    /// How long rejected pushes are retried when others keep pushing first
    /// (`archive.push_timeout`, in seconds). Default 120 seconds.
    public var pushTimeout: Duration

    /// Creates settings; every parameter has the documented default.
    public init(repositoryPath: String, directory: String = "devlogs", authorName: String = "devlog",
                authorEmail: String = "devlog@localhost", push: Bool = false, pushTimeout: Duration = .seconds(120)) {
        self.repositoryPath = repositoryPath
        self.directory = directory
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.push = push
        self.pushTimeout = pushTimeout
    }
}
