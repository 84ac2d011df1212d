/// One DEVLOG v3.1 report: the records of one agent's work cycle, as an ordered list of blocks.
///
/// Typed records (``agent``, ``mission``, ``cycle``, ``tasks``, ``metrics``…) are read from the
/// blocks; edits go through the `Devlog+Editing` methods, which keep the document's order.
public struct Devlog: Sendable, Hashable, Codable {
    /// Every line-level block, in document order.
    public var blocks: [Block]

    /// A devlog made of the given blocks.
    public init(blocks: [Block] = []) {
        self.blocks = blocks
    }

    /// The whole devlog as markdown, each block as written or in canonical form, LF line ends,
    /// ending with a newline.
    public var markdown: String {
        var out = ""
        out.reserveCapacity(blocks.count * 64)
        for block in blocks {
            out += block.markdown
            out += "\n"
        }
        return out
    }
}
