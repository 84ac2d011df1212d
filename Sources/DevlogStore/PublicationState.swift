/// A publication as a move carries it: the row and the cycle revision delivered whole (`nil`
/// while none is).
public struct PublicationState: Sendable, Hashable {
    /// The publication.
    public var row: PublicationRow
    /// The revision whose parts were all confirmed on the webhook.
    public var revision: Int64?

    /// A publication's state.
    public init(row: PublicationRow, revision: Int64?) {
        self.row = row
        self.revision = revision
    }
}
