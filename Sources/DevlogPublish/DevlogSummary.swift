/// The few facts of a devlog that the embed summary shows; plain values, so this module does
/// not depend on the model types.
public struct DevlogSummary: Sendable, Equatable {
    /// One labelled figure, such as `Tests` → `124 passed`.
    public struct Metric: Sendable, Equatable {
        /// What is measured.
        public var label: String
        /// The figure.
        public var value: String
        /// How it moved since the agent's previous cycle (`▲ +6%`), `nil` when not known.
        public var change: String?

        /// Creates a metric.
        public init(label: String, value: String, change: String? = nil) {
            self.label = label
            self.value = value
            self.change = change
        }
    }

    /// The embed title, such as `DEVLOG — Agent-7 — 2026-11-28`.
    public var title: String
    /// Who did the work.
    public var agent: String
    /// What the work was for.
    public var mission: String
    /// The status as written (`COMPLETED`, `🔄 In Progress`, …); it also picks the colour.
    public var status: String
    /// How far along, such as `80%` or `4/5 objectives`.
    public var progress: String?
    /// Key figures, shown as inline fields.
    public var metrics: [Metric]
    /// What comes next, shown as a bulleted field.
    public var nextSteps: [String]

    /// Creates a summary.
    public init(title: String, agent: String, mission: String, status: String, progress: String? = nil, metrics: [Metric] = [], nextSteps: [String] = []) {
        self.title = title
        self.agent = agent
        self.mission = mission
        self.status = status
        self.progress = progress
        self.metrics = metrics
        self.nextSteps = nextSteps
    }
}
