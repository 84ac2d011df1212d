public import DevlogMustache
public import DevlogModel

/// One block as a template sees it: `shape` names the partial that writes it (`line-field`…),
/// its parts (`label`, `value`, `status`…) fill it in, and `raw` holds the line as written when it
/// must be reproduced exactly. A flag per kind (`{{#field}}…{{/field}}`) serves templates that
/// branch instead.
///
/// Every key answers for every block (`false` or `null` when it does not apply), so a lookup
/// never falls through to an enclosing section's key of the same name.
public struct BlockContext: ContextObject {
    let table: BlockTable
    let index: Int

    /// The context for the block at `index` of `table`.
    public init(_ table: BlockTable, _ index: Int) {
        self.table = table
        self.index = index
    }

    /// The keys a block answers: its parts, then one flag per block kind.
    public static let keys: [String] = [
        "shape", "kind", "indent", "marker", "label", "value", "hasLabel", "hasValue", "status", "state", "hasStatus",
        "number", "unit", "raw", "markdown",
    ] + Block.Kind.allCases.map(\.rawValue)

    /// The partial that writes a block of `kind`.
    private static func shape(_ kind: Block.Kind) -> String {
        switch kind {
        case .title: "line-title"
        case .section: "line-section"
        case .subsection: "line-subsection"
        case .field: "line-field"
        case .metric: "line-metric"
        case .task: "line-task"
        case .item: "line-item"
        case .check: "line-check"
        case .numbered: "line-numbered"
        case .code: "line-code"
        case .rule: "line-rule"
        case .pairs: "line-pairs"
        case .text: "line-text"
        case .blank: "line-blank"
        }
    }

    /// Every key the object answers.
    public var keys: [String] { Self.keys }

    /// The value for a key; `nil` only for keys no block has.
    public func value(forKey key: String) -> MustacheValue? {
        // Fields are read through the table, never by copying the whole block first: this runs
        // for every tag of every line. The keys the default templates use come first.
        let blocks = table.blocks
        // A code block's body is its lines; every other part is written on the block's one line.
        let isCode = blocks[index].kind == .code
        func text(_ string: String) -> MustacheValue { isCode ? .string(string) : .line(string) }
        switch key {
        case "raw": return blocks[index].raw.map { text($0) } ?? .null
        case "shape": return .string(Self.shape(blocks[index].kind))
        case "value": return text(blocks[index].value)
        case "label": return .line(blocks[index].label)
        case "indent": return .line(blocks[index].indent)
        case "marker": return .line(blocks[index].marker)
        case "hasValue": return .bool(!blocks[index].value.isEmpty)
        case "hasLabel": return .bool(!blocks[index].label.isEmpty)
        case "hasStatus": return .bool(blocks[index].status != nil)
        case "status": return blocks[index].status.map { .line($0.text) } ?? .null
        case "state": return blocks[index].status.map { .string($0.state.rawValue) } ?? .null
        case "kind": return .string(blocks[index].kind.rawValue)
        case "number": return blocks[index].quantity.map { .double($0.number) } ?? blocks[index].number.map { .int($0) } ?? .null
        case "unit": return blocks[index].quantity.map { .line($0.unit) } ?? .null
        case "markdown": return text(blocks[index].markdown)
        default:
            guard let kind = Block.Kind(rawValue: key) else { return nil }
            return .bool(blocks[index].kind == kind)
        }
    }
}

/// A devlog's blocks shared by every context object of one render, so a block's context is a
/// reference and an index: small enough to sit in a template value without a heap allocation.
public final class BlockTable: Sendable {
    /// The blocks, in document order.
    public let blocks: [Block]

    /// A table over `blocks`.
    public init(_ blocks: [Block]) { self.blocks = blocks }
}
