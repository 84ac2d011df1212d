/// What ``DevlogProject/copyStore(to:)`` copied, with both stores named without passwords.
public struct MigrationReport: Sendable, Hashable, Encodable {
    /// The store copied from.
    public var from: String
    /// The store copied into.
    public var to: String
    /// Cycles copied.
    public var cycles: Int
    /// Facts copied, over every cycle.
    public var facts: Int
    /// Publications copied.
    public var publications: Int
    /// Outbox rows copied.
    public var outboxRows: Int
}
