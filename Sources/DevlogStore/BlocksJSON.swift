import DevlogModel

/// Writes blocks as the JSON array `cycles.blocks` holds: the shape `Block`'s `Codable`
/// conformance reads back (`JSONDecoder` decodes it), keys sorted, absent optionals left out.
///
/// Written here rather than through `JSONEncoder`, whose generic containers were most of an
/// import's time; the shape is checked against `JSONDecoder` and SQLite's json functions in tests.
enum BlocksJSON {
    /// A value JSON cannot hold.
    struct Unencodable: Error, CustomStringConvertible {
        let description: String
    }

    static func encode(_ blocks: [Block]) throws(Unencodable) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(blocks.count * 96)
        out.append(UInt8(ascii: "["))
        for (index, block) in blocks.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            // Keys in sorted order: indent, kind, label, marker, number, quantity, raw, status, value.
            key("indent", first: true, &out); string(block.indent, &out)
            key("kind", &out); string(block.kind.rawValue, &out)
            key("label", &out); string(block.label, &out)
            key("marker", &out); string(block.marker, &out)
            if let number = block.number {
                key("number", &out); out.append(contentsOf: String(number).utf8)
            }
            if let quantity = block.quantity {
                guard quantity.number.isFinite else {
                    throw Unencodable(description: "metric \(block.label) has the non-finite number \(quantity.number)")
                }
                key("quantity", &out)
                key("number", first: true, opening: true, &out); number(quantity.number, &out)
                key("unit", &out); string(quantity.unit, &out)
                out.append(UInt8(ascii: "}"))
            }
            if let raw = block.raw {
                key("raw", &out); string(raw, &out)
            }
            if let status = block.status {
                key("status", &out)
                key("state", first: true, opening: true, &out); string(status.state.rawValue, &out)
                key("text", &out); string(status.text, &out)
                out.append(UInt8(ascii: "}"))
            }
            key("value", &out); string(block.value, &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    /// `"name":`, after `{` when it is the object's first key (`opening` for a nested object),
    /// else after `,`.
    private static func key(_ name: StaticString, first: Bool = false, opening: Bool = false, _ out: inout [UInt8]) {
        if first {
            out.append(UInt8(ascii: "{"))
        } else {
            out.append(UInt8(ascii: ","))
        }
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
    }

    /// A finite number as JSONEncoder writes it: whole numbers without a fraction.
    private static func number(_ value: Double, _ out: inout [UInt8]) {
        var text = "\(value)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
    }

    /// A JSON string: quotes, backslashes and control characters escaped, the rest as UTF-8.
    private static func string(_ text: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let utf8 = text.utf8
        var plain = true
        for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            plain = false
            break
        }
        if plain {
            out.append(contentsOf: utf8)
        } else {
            for byte in utf8 { escaped(byte, &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func escaped(_ byte: UInt8, _ out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
        case UInt8(ascii: "\n"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\t"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
        case UInt8(ascii: "\r"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
        case 0..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                    hex[Int(byte >> 4)], hex[Int(byte & 0xf)]])
        default: out.append(byte)
        }
    }
}
