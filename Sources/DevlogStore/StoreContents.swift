/// A store's records as one value, for moving them to another store (`devlog migrate`).
public struct StoreContents: Sendable, Hashable {
    /// Every cycle, by id.
    public var cycles: [StoredDevlog]
    /// The facts of every cycle that has some.
    public var facts: [Int64: [String: String]]
    /// Every publication, with the revision delivered whole.
    public var publications: [PublicationState]
    /// Every outbox row.
    public var outbox: [OutboxRow]

    /// Contents.
    public init(cycles: [StoredDevlog], facts: [Int64: [String: String]], publications: [PublicationState], outbox: [OutboxRow]) {
        self.cycles = cycles
        self.facts = facts
        self.publications = publications
        self.outbox = outbox
    }
}
