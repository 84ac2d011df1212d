/// One commit as a devlog's commit section shows it.
public struct GitCommitFact: Sendable, Equatable {
    /// The full commit hash.
    public var hash: String
    /// The subject line.
    public var subject: String
    /// The paths it changed, relative to the repository's top level.
    public var files: [String]
    /// Its parents' hashes: two or more for a merge.
    public var parents: [String]

    /// Creates a commit fact.
    public init(hash: String, subject: String, files: [String], parents: [String] = []) {
        self.hash = hash
        self.subject = subject
        self.files = files
        self.parents = parents
    }
}
