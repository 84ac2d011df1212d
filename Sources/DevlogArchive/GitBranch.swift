/// Where HEAD is.
public enum GitBranch: Sendable, Equatable, CustomStringConvertible {
    /// On a branch with commits.
    case named(String)
    /// On a branch with no commits yet.
    case unborn(String)
    /// Detached at a commit (abbreviated hash).
    case detached(shortHash: String)

    /// `main`, `main (no commits yet)` or `detached at 1a2b3c4`.
    public var description: String {
        switch self {
        case .named(let name): return name
        case .unborn(let name): return "\(name) (no commits yet)"
        case .detached(let hash): return "detached at \(hash)"
        }
    }
}
