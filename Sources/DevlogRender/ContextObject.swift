public import DevlogMustache
import DevlogModel

/// A template-context object that can list its keys, so the whole context can be exported as
/// JSON (`devlog export`) and checked against templates (`devlog check --templates`).
public protocol ContextObject: MustacheObject {
    /// Every key the object answers.
    var keys: [String] { get }
}

extension MustacheValue {
    /// Text that must stay on one line of the devlog, with line breaks written `\n` and `\r`:
    /// the importers refuse them in one-line values, so this only shows one that reached the
    /// store another way (a program's edit, an older store) instead of letting it forge a line.
    static func line(_ text: String) -> MustacheValue {
        .string(ControlCharacters.escaping(text) { $0 == "\n" || $0 == "\r" })
    }

    /// The value as JSON-ready Foundation-free data: dictionaries, arrays, strings, numbers, bools, nil.
    public var exported: ExportedValue {
        switch self {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .number(Double(number))
        // JSON has no infinity or NaN: such a number (from a program's edit) exports as null.
        case .double(let number): return number.isFinite ? .number(number) : .null
        case .string(let text): return .string(text)
        case .list(let items): return .list(items.map(\.exported))
        case .dictionary(let values): return .object(values.mapValues(\.exported))
        case .object(let object):
            guard let object = object as? any ContextObject else { return .null }
            var values: [String: ExportedValue] = [:]
            for key in object.keys { values[key] = object.value(forKey: key)?.exported ?? .null }
            return .object(values)
        }
    }
}

/// The template context in a shape that encodes to JSON.
public indirect enum ExportedValue: Sendable, Hashable, Encodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([ExportedValue])
    case object([String: ExportedValue])

    /// Encodes as the JSON value it stands for.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .number(let number):
            if number == number.rounded(), abs(number) < 1e15 { try container.encode(Int(number)) } else { try container.encode(number) }
        case .string(let text): try container.encode(text)
        case .list(let items): try container.encode(items)
        case .object(let values): try container.encode(values)
        }
    }
}
