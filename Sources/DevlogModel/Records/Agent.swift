/// The agent that wrote a devlog.
public struct Agent: Sendable, Hashable, Codable {
    /// `Agent-6`.
    public var id: String
    /// What the agent does.
    public var specialty: String
    /// Where it sits, as written (`[1612, 419]`).
    public var coordinates: String

    /// An agent.
    public init(id: String, specialty: String = "", coordinates: String = "") {
        self.id = id
        self.specialty = specialty
        self.coordinates = coordinates
    }
}
