/// What `devlog archive` did.
public struct ArchiveOutcome: Sendable, Encodable {
    /// The archived cycle.
    public var cycleID: Int64
    /// The devlog's path in the repository.
    public var path: String
    /// The new commit, `nil` when the archive already held this devlog.
    public var commit: String?
    /// Whether the commit was pushed.
    public var pushed: Bool
    /// How many pushes it took.
    public var pushAttempts: Int
}
