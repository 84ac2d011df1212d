/// One value of a metric in one cycle.
public struct MetricPoint: Sendable, Hashable {
    /// The cycle the value was written in.
    public var cycleID: Int64
    /// The cycle as written.
    public var cycleLabel: String
    /// The cycle number when the label is one.
    public var cycleNumber: Int?
    /// The cycle date as written.
    public var date: String
    /// The agent that wrote it, `nil` when the devlog names none.
    public var agent: String?
    /// The subsection the metric is listed under.
    public var group: String
    /// The value as written (`85%`).
    public var value: String
    /// The number read from the value, when it holds one.
    public var number: Double?
    /// The unit after the number (`%`, `/10`, `minutes`), empty when none.
    public var unit: String

    /// A metric point.
    public init(cycleID: Int64, cycleLabel: String, cycleNumber: Int?, date: String, agent: String?, group: String,
                value: String, number: Double?, unit: String) {
        self.cycleID = cycleID
        self.cycleLabel = cycleLabel
        self.cycleNumber = cycleNumber
        self.date = date
        self.agent = agent
        self.group = group
        self.value = value
        self.number = number
        self.unit = unit
    }
}
