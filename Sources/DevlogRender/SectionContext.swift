public import DevlogMustache
public import DevlogModel

/// A run of blocks as templates see it: a section (or the header before the first section, or
/// the footer after the rule) with its heading, its own lines and its subsections.
///
/// `partial` names the template that renders it — one per frame section (`agent-information`…),
/// `custom-section`, `header` and `footer` — so a user can replace one section alone.
public struct SectionContext: ContextObject {
    /// A subsection: its `### ` heading and lines, as indexes into the block table.
    struct Subsection {
        var heading: Int
        var lines: [Int] = []
    }

    let table: BlockTable
    var partial: String
    var heading: Int?
    var lines: [Int] = []
    var subsections: [Subsection] = []

    /// Splits a devlog's blocks into header, sections and footer, in document order.
    public static func sections(of table: BlockTable) -> [SectionContext] {
        var result = [SectionContext(table: table, partial: "header")]
        let blocks = table.blocks
        for index in blocks.indices {
            let block = blocks[index]
            switch block.kind {
            case .section:
                let kind = SectionKind(title: block.value)
                result.append(SectionContext(table: table, partial: kind == .custom ? "custom-section" : kind.rawValue, heading: index))
                continue
            case .subsection:
                result[result.count - 1].subsections.append(Subsection(heading: index))
                continue
            case .rule where startsFooter(blocks, at: index):
                result.append(SectionContext(table: table, partial: "footer"))
            default:
                break
            }
            if result[result.count - 1].subsections.isEmpty {
                result[result.count - 1].lines.append(index)
            } else {
                result[result.count - 1].subsections[result[result.count - 1].subsections.count - 1].lines.append(index)
            }
        }
        return result
    }

    /// A rule starts the footer when the next non-blank line is a `**Label:** value | …` line.
    private static func startsFooter(_ blocks: [Block], at index: Int) -> Bool {
        blocks[(index + 1)...].first(where: { $0.kind != .blank })?.kind == .pairs
    }

    /// The keys a section answers.
    public static let keys = ["partial", "title", "heading", "lines", "subsections"]

    /// Every key the object answers.
    public var keys: [String] { Self.keys }

    /// The value for a key.
    public func value(forKey key: String) -> MustacheValue? {
        switch key {
        case "lines": .list(lines.map { .object(BlockContext(table, $0)) })
        case "subsections": .list(subsections.map { .object(SubsectionContext(table: table, subsection: $0)) })
        case "heading": heading.map { .object(BlockContext(table, $0)) } ?? .null
        case "partial": .string(partial)
        case "title": heading.map { .line(table.blocks[$0].value) } ?? .null
        default: nil
        }
    }
}

/// A subsection as templates see it.
struct SubsectionContext: ContextObject {
    let table: BlockTable
    let subsection: SectionContext.Subsection

    var keys: [String] { ["title", "heading", "lines"] }

    func value(forKey key: String) -> MustacheValue? {
        switch key {
        case "lines": .list(subsection.lines.map { .object(BlockContext(table, $0)) })
        case "heading": .object(BlockContext(table, subsection.heading))
        case "title": .line(table.blocks[subsection.heading].value)
        default: nil
        }
    }
}
