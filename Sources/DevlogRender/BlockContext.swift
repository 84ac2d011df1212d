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

    /// The partial name for each kind, made once.
    private static let shapes: [Block.Kind: MustacheValue] = Dictionary(
        uniqueKeysWithValues: Block.Kind.allCases.map { ($0, .string("line-" + $0.rawValue)) }
    )

    /// Every key the object answers.
    public var keys: [String] { Self.keys }

    /// The value for a key; `nil` only for keys no block has.
    public func value(forKey key: String) -> MustacheValue? {
        let block = table.blocks[index]
        // The keys the default templates use come first: this runs for every tag of every line.
        switch key {
        case "raw": return block.raw.map { .string($0) } ?? .null
        case "shape": return Self.shapes[block.kind]
        case "value": return .string(block.value)
        case "label": return .string(block.label)
        case "indent": return .string(block.indent)
        case "marker": return .string(block.marker)
        case "hasValue": return .bool(!block.value.isEmpty)
        case "hasLabel": return .bool(!block.label.isEmpty)
        case "hasStatus": return .bool(block.status != nil)
        case "status": return block.status.map { .string($0.text) } ?? .null
        case "state": return block.status.map { .string($0.state.rawValue) } ?? .null
        case "kind": return .string(block.kind.rawValue)
        case "number": return block.quantity.map { .double($0.number) } ?? block.number.map { .int($0) } ?? .null
        case "unit": return block.quantity.map { .string($0.unit) } ?? .null
        case "markdown": return .string(block.markdown)
        default:
            guard let kind = Block.Kind(rawValue: key) else { return nil }
            return .bool(block.kind == kind)
        }
    }
}
