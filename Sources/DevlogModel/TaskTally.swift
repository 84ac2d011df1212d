/// A cycle's tasks: how many there are and how many are completed.
public struct TaskTally: Sendable, Hashable {
    /// Tasks whose status is completed.
    public var completed: Int
    /// All of the cycle's numbered tasks.
    public var total: Int

    /// A tally.
    public init(completed: Int, total: Int) {
        self.completed = completed
        self.total = total
    }
}
