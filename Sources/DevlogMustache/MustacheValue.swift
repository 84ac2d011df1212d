/// A value a template renders: the context type of the engine.
///
/// Built by the caller once per render; lookups never reflect over Swift values, so the renderer
/// only switches over these cases. `false`, `null` and the empty list are falsey; everything else,
/// the empty string and zero included, is truthy (the spec leaves this to the host language and
/// Swift has no truthiness for strings or numbers).
public enum MustacheValue: Sendable {
    /// No value: falsey, renders as nothing.
    case null
    /// A boolean: renders as `true`/`false`, `false` is falsey.
    case bool(Bool)
    /// An integer, rendered in decimal.
    case int(Int)
    /// A floating-point number, rendered with Swift's shortest round-trip form (`1.21`).
    case double(Double)
    /// A string, rendered as is (escaped when the render asks for HTML escaping).
    case string(String)
    /// A list: a section renders once per element; the empty list is falsey.
    case list([MustacheValue])
    /// A dictionary object: the cheapest object to build and look up.
    case dictionary([String: MustacheValue])
    /// Any object that answers key lookups itself, so typed records need no dictionary.
    indirect case object(any MustacheObject)

    /// The value under `key` when this value is an object, `nil` otherwise.
    @inlinable
    public func child(_ key: String) -> MustacheValue? {
        switch self {
        case .dictionary(let values): values[key]
        case .object(let object): object.value(forKey: key)
        default: nil
        }
    }

    /// Whether a section over this value renders (`false`, `null` and `[]` do not).
    @inlinable
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let flag): flag
        case .list(let items): !items.isEmpty
        default: true
        }
    }
}

/// An object that answers lookups by key, so a typed Swift record can serve as template context
/// without first being copied into a dictionary.
public protocol MustacheObject: Sendable {
    /// The value for `key`, or `nil` when the object has no such key (the lookup then continues
    /// down the context stack, or counts as a miss).
    func value(forKey key: String) -> MustacheValue?
}

extension MustacheValue: ExpressibleByStringLiteral {
    /// A string value from a literal.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension MustacheValue: ExpressibleByIntegerLiteral {
    /// An integer value from a literal.
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension MustacheValue: ExpressibleByFloatLiteral {
    /// A floating-point value from a literal.
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension MustacheValue: ExpressibleByBooleanLiteral {
    /// A boolean value from a literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension MustacheValue: ExpressibleByNilLiteral {
    /// The null value from `nil`.
    public init(nilLiteral: ()) { self = .null }
}

extension MustacheValue: ExpressibleByArrayLiteral {
    /// A list value from a literal.
    public init(arrayLiteral elements: MustacheValue...) { self = .list(elements) }
}

extension MustacheValue: ExpressibleByDictionaryLiteral {
    /// A dictionary value from a literal; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, MustacheValue)...) {
        self = .dictionary(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
