/// What ``DevlogStore/save(_:source:)`` did.
public struct SaveOutcome: Sendable, Hashable {
    /// What happened to the stored cycle.
    public enum Change: String, Sendable, Hashable {
        /// A new cycle was stored.
        case inserted
        /// A cycle with the same identity existed and its blocks were replaced.
        case updated
        /// A cycle with the same identity and content existed; nothing was written.
        case unchanged
    }

    /// The stored cycle's id.
    public var id: Int64
    /// What happened.
    public var change: Change

    /// An outcome.
    public init(id: Int64, change: Change) {
        self.id = id
        self.change = change
    }
}
