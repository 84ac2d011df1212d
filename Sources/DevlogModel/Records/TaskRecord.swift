/// A task of the cycle: the primary task (the mission's) or a numbered secondary one.
public struct TaskRecord: Sendable, Hashable, Codable {
    /// Primary or secondary.
    public enum Role: String, Sendable, Hashable, Codable { case primary, secondary }

    /// Primary or secondary.
    public var role: Role
    /// The task's number as written (`Task 3` → 3); the primary task has none.
    public var number: Int?
    /// Position among the cycle's tasks, from 0.
    public var order: Int
    /// What the task is.
    public var title: String
    /// Its status, `nil` when none is written.
    public var status: Status?
    /// Progress in percent, when known.
    public var progress: Double?

    /// A task.
    public init(role: Role, number: Int?, order: Int, title: String, status: Status?, progress: Double? = nil) {
        self.role = role
        self.number = number
        self.order = order
        self.title = title
        self.status = status
        self.progress = progress
    }
}
