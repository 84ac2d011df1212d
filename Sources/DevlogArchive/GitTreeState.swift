/// Counts of changed files in the work tree and index.
public struct GitTreeState: Sendable, Equatable, CustomStringConvertible {
    /// Files whose work-tree copy differs from the index.
    public var modified: Int
    /// Files whose index entry differs from HEAD.
    public var staged: Int
    /// Files git does not track (ignored ones excluded).
    public var untracked: Int
    /// Files with unresolved merge conflicts.
    public var conflicted: Int

    /// Creates counts; all default to zero.
    public init(modified: Int = 0, staged: Int = 0, untracked: Int = 0, conflicted: Int = 0) {
        self.modified = modified
        self.staged = staged
        self.untracked = untracked
        self.conflicted = conflicted
    }

    /// No changes of any kind.
    public var isClean: Bool { modified == 0 && staged == 0 && untracked == 0 && conflicted == 0 }

    /// `clean`, or e.g. `2 files modified, 1 staged, 3 untracked`.
    public var description: String {
        if isClean { return "clean" }
        var parts = ["\(modified) \(modified == 1 ? "file" : "files") modified", "\(staged) staged", "\(untracked) untracked"]
        if conflicted > 0 { parts.append("\(conflicted) conflicted") }
        return parts.joined(separator: ", ")
    }
}
