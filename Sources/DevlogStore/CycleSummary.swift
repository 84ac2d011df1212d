public import DevlogModel

/// One line of a cycle listing.
public struct CycleSummary: Sendable, Hashable {
    /// The cycle's id in the store.
    public var id: Int64
    /// The agent id, `nil` when the devlog names none.
    public var agent: String?
    /// The mission id, `nil` when the devlog names none.
    public var mission: String?
    /// The cycle as written (`2`, `Agent-4 Team Activation`).
    public var label: String
    /// The cycle number when the label is one.
    public var number: Int?
    /// The cycle date as written.
    public var date: String
    /// The devlog's title.
    public var title: String
    /// The mission's status in this cycle, `nil` when none is written.
    public var state: Status.State?

    /// A summary.
    public init(id: Int64, agent: String?, mission: String?, label: String, number: Int?, date: String, title: String, state: Status.State?) {
        self.id = id
        self.agent = agent
        self.mission = mission
        self.label = label
        self.number = number
        self.date = date
        self.title = title
        self.state = state
    }
}
