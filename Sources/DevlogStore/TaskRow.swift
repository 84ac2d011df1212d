public import DevlogModel

/// A task of a mission, with the cycle it was written in.
public struct TaskRow: Sendable, Hashable {
    /// The cycle that lists the task.
    public var cycleID: Int64
    /// The cycle as written.
    public var cycleLabel: String
    /// The cycle date as written.
    public var date: String
    /// The task as the devlog gives it (primary or secondary, number, title, status).
    public var task: TaskRecord

    /// A task row.
    public init(cycleID: Int64, cycleLabel: String, date: String, task: TaskRecord) {
        self.cycleID = cycleID
        self.cycleLabel = cycleLabel
        self.date = date
        self.task = task
    }
}
