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

extension Devlog {
    /// Where a block sits: the section and subsection that hold it.
    public struct Location: Sendable, Hashable {
        /// The index of the section heading block, if the block is inside a section.
        public var section: Int?
        /// The index of the subsection heading block, if the block is inside a subsection.
        public var subsection: Int?
    }

    /// The section and subsection of every block, in one pass.
    public var locations: [Location] {
        var result: [Location] = []
        result.reserveCapacity(blocks.count)
        var current = Location()
        for (index, block) in blocks.enumerated() {
            switch block.kind {
            case .section: current = Location(section: index, subsection: nil)
            case .subsection: current.subsection = index
            default: break
            }
            result.append(current)
        }
        return result
    }

    /// The kind of the section holding the block at `index`, `nil` outside any section.
    public func sectionKind(at location: Location) -> SectionKind? {
        location.section.map { SectionKind(title: blocks[$0].value) }
    }

    /// The title of the subsection holding a block, `nil` outside any subsection.
    public func subsectionTitle(at location: Location) -> String? {
        location.subsection.map { blocks[$0].value }
    }
}
