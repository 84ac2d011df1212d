/// HEAD and the work tree as one `git status` reads them.
public struct GitStatus: Sendable, Equatable {
    /// Where HEAD is.
    public var branch: GitBranch
    /// The commit HEAD is at; `nil` on an unborn branch.
    public var head: String?
    /// Counts of changed files.
    public var treeState: GitTreeState

    /// Creates a status.
    public init(branch: GitBranch, head: String?, treeState: GitTreeState) {
        self.branch = branch
        self.head = head
        self.treeState = treeState
    }
}
