public import DevlogModel

/// A devlog's blocks shared by every context object of one render, so a block's context is a
/// reference and an index: small enough to sit in a template value without a heap allocation.
public final class BlockTable: Sendable {
    /// The blocks, in document order.
    public let blocks: [Block]

    /// A table over `blocks`.
    public init(_ blocks: [Block]) { self.blocks = blocks }
}
