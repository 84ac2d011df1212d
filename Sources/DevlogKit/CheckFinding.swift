/// A problem `devlog check` found in a cycle's records or the templates.
public struct CheckFinding: Sendable, Hashable, Codable {
    /// How serious it is.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The records contradict themselves: the devlog says something untrue.
        case error
        /// Something is missing or odd but not wrong.
        case warning
    }

    /// How serious it is.
    public var severity: Severity
    /// A short stable name (`missing-section`, `completed-with-open-tasks`…) for scripts.
    public var rule: String
    /// What is wrong and what to do.
    public var message: String
}
