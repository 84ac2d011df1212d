public import DevlogArchive
public import DevlogPublish
public import Foundation

/// What `devlog cycle` does: the after-each-cycle job.
public struct CycleJob: Sendable {
    /// Files to import first (markdown or cycle files); none to work on a stored cycle.
    public var imports: [String] = []
    /// The cycle when nothing is imported (default: the latest, of `agent` when given).
    public var selection: CycleSelection = .latest(agent: nil)
    /// Whether contradictions the check finds stop the job before generate, publish and archive.
    /// Default false: they are reported in the check step and every step runs.
    public var strict = false
    /// Whether to post to Discord.
    public var publish = true
    /// The layout of the post; default the config file's.
    public var mode: PublishMode?
    /// Where to post; default as ``DevlogProject/webhook(forAgent:explicit:environment:)`` says.
    public var webhook: WebhookURL?
    /// Whether to commit to git.
    public var archive = true
    /// The repository to archive into.
    public var repository: URL
    /// How to archive.
    public var archiveOptions: ArchiveOptions
    /// The site folder to refresh at the end (``DevlogProject/writeSite(to:links:)``); `nil` for none.
    public var site: String?
    /// How publishing talks to Discord.
    public var connection: PublishConnection = .init()

    /// A job archiving into `repository` with `archiveOptions`; set the rest as needed.
    public init(repository: URL, archiveOptions: ArchiveOptions) {
        self.repository = repository
        self.archiveOptions = archiveOptions
    }
}
