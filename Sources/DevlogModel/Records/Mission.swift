/// The mission a cycle works on: its primary task.
public struct Mission: Sendable, Hashable, Codable {
    /// `performance_optimization_task`.
    public var id: String
    /// What the mission is for.
    public var objective: String
    /// Its status, normalized and as written; `nil` when the devlog gives none.
    public var status: Status?
    /// Progress in percent read from the devlog, `nil` when it has no number.
    public var progress: Double?
    /// The progress as written (`25% Complete (Database Layer Done)`).
    public var progressText: String

    /// A mission.
    public init(id: String, objective: String = "", status: Status? = nil, progress: Double? = nil, progressText: String = "") {
        self.id = id
        self.objective = objective
        self.status = status
        self.progress = progress
        self.progressText = progressText
    }
}
