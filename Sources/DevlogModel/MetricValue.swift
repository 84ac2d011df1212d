/// One metric as a cycle wrote it.
public struct MetricValue: Sendable, Hashable {
    /// The cycle.
    public var cycleID: Int64
    /// The subsection it is listed under.
    public var group: String
    /// What is measured (`Test Coverage`).
    public var label: String
    /// The value as written (`91%`).
    public var value: String

    /// A metric value.
    public init(cycleID: Int64, group: String, label: String, value: String) {
        self.cycleID = cycleID
        self.group = group
        self.label = label
        self.value = value
    }
}
