public import DevlogMustache
public import DevlogModel

/// One block as a template sees it: `{{#field}}…{{/field}}` picks its shape, and its parts
/// (`label`, `value`, `status`…) fill it in. `raw` holds the line as written when it must be
/// reproduced exactly.
///
/// Every key answers for every block (`false` or `null` when it does not apply), so a lookup
/// never falls through to an enclosing section's key of the same name.
public struct BlockContext: ContextObject {
    let block: Block

    /// The context for a block.
    public init(_ block: Block) { self.block = block }

    /// The keys a block answers: one flag per block kind, then its parts.
    public static let keys: [String] = Block.Kind.allCases.map(\.rawValue) + [
        "kind", "indent", "marker", "label", "value", "hasLabel", "hasValue", "status", "state", "hasStatus",
        "number", "unit", "raw", "markdown",
    ]

    /// Every key the object answers.
    public var keys: [String] { Self.keys }

    /// The value for a key; `nil` only for keys no block has.
    public func value(forKey key: String) -> MustacheValue? {
        if let kind = Block.Kind(rawValue: key) { return .bool(block.kind == kind) }
        switch key {
        case "kind": return .string(block.kind.rawValue)
        case "indent": return .string(block.indent)
        case "marker": return .string(block.marker)
        case "label": return .string(block.label)
        case "value": return .string(block.value)
        case "hasLabel": return .bool(!block.label.isEmpty)
        case "hasValue": return .bool(!block.value.isEmpty)
        case "status": return block.status.map { .string($0.text) } ?? .null
        case "state": return block.status.map { .string($0.state.rawValue) } ?? .null
        case "hasStatus": return .bool(block.status != nil)
        case "number": return block.quantity.map { .double($0.number) } ?? block.number.map { .int($0) } ?? .null
        case "unit": return block.quantity.map { .string($0.unit) } ?? .null
        case "raw": return block.raw.map { .string($0) } ?? .null
        case "markdown": return .string(block.markdown)
        default: return nil
        }
    }
}
