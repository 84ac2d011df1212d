/// What ``Archiver/archive(_:in:options:)`` did.
public struct ArchiveResult: Sendable, Equatable {
    /// The commit that holds the devlog (after any rebase, the one on the remote); `nil` when the
    /// devlog and index were already committed as they are.
    public var commit: String?
    /// The paths written and committed, relative to the repository's top level: the devlog, then
    /// its day folder's index, then the devlog directory's index; for a relayout, where the
    /// devlogs moved to.
    public var paths: [String]
    /// Whether the branch was pushed.
    public var pushed: Bool
    /// How many pushes were tried (0 without `push`).
    public var pushAttempts: Int

    /// Creates a result.
    public init(commit: String?, paths: [String], pushed: Bool, pushAttempts: Int) {
        self.commit = commit
        self.paths = paths
        self.pushed = pushed
        self.pushAttempts = pushAttempts
    }
}
