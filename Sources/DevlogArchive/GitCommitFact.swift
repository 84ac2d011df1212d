/// One commit as a devlog's commit section shows it.
public struct GitCommitFact: Sendable, Equatable {
    /// The full commit hash.
    public var hash: String
    /// The subject line.
    public var subject: String
    /// The paths it changed, relative to the repository's top level.
    public var files: [String]

    /// Creates a commit fact.
    public init(hash: String, subject: String, files: [String]) {
        self.hash = hash
        self.subject = subject
        self.files = files
    }
}
