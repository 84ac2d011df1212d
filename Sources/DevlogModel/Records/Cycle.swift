/// Which cycle a devlog reports on, and when.
public struct Cycle: Sendable, Hashable, Codable {
    /// The cycle number, when the devlog's `Cycle:` is a number.
    public var number: Int?
    /// The cycle as written (`2`, `Agent-4 Team Activation`).
    public var label: String
    /// The cycle date (`2025-09-11`).
    public var date: String
    /// When the devlog was last updated, as written.
    public var lastUpdated: String
    /// When the next update is due, as written.
    public var nextUpdate: String
    /// The title from the header lines.
    public var title: String

    /// A cycle.
    public init(number: Int? = nil, label: String = "", date: String = "", lastUpdated: String = "", nextUpdate: String = "", title: String = "") {
        self.number = number
        self.label = label.isEmpty ? number.map(String.init) ?? "" : label
        self.date = date
        self.lastUpdated = lastUpdated
        self.nextUpdate = nextUpdate
        self.title = title
    }
}
