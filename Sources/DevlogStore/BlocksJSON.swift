import DevlogModel

/// Writes blocks as the JSON array `cycles.blocks` holds: the shape `Block`'s `Codable`
/// conformance reads back (`JSONDecoder` decodes it), keys sorted, absent optionals left out.
///
/// Written here rather than through `JSONEncoder`, whose generic containers were most of an
/// import's time; the shape is checked against `JSONDecoder` and SQLite's json functions in tests.
package enum BlocksJSON {
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

extension BlocksJSON {
    /// Blocks from the JSON `encode` writes (any JSON with that shape: other key orders, extra
    /// keys and whitespace are read too); `nil` when the text is not a JSON array of blocks.
    ///
    /// Read here rather than through `JSONDecoder` for the same reason as `encode`: reading a
    /// whole history back (re-rendering every devlog) is where a user waits.
    package static func decode(_ text: String) -> [Block]? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            return try? reader.blocks()
        }
    }

    private struct Malformed: Error {}

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        mutating func blocks() throws(Malformed) -> [Block] {
            var blocks: [Block] = []
            try expect(UInt8(ascii: "["))
            if try peek() == UInt8(ascii: "]") {
                at += 1
            } else {
                repeat { blocks.append(try block()) } while try separator(closing: UInt8(ascii: "]"))
            }
            skipSpace()
            guard at == bytes.count else { throw Malformed() }
            return blocks
        }

        private mutating func block() throws(Malformed) -> Block {
            var block = Block(kind: .text)
            var kind: Block.Kind?
            try object { (reader: inout Reader, key: String) throws(Malformed) in
                switch key {
                case "kind": kind = Block.Kind(rawValue: try reader.string())
                case "indent": block.indent = try reader.string()
                case "marker": block.marker = try reader.string()
                case "label": block.label = try reader.string()
                case "value": block.value = try reader.string()
                case "raw": block.raw = try reader.string()
                case "number":
                    guard let number = Int(exactly: try reader.number()) else { throw Malformed() }
                    block.number = number
                case "status":
                    var state: Status.State?, text: String?
                    try reader.object { (reader: inout Reader, key: String) throws(Malformed) in
                        switch key {
                        case "state": state = Status.State(rawValue: try reader.string())
                        case "text": text = try reader.string()
                        default: try reader.skipValue()
                        }
                    }
                    guard let state, let text else { throw Malformed() }
                    block.status = Status(state, text: text)
                case "quantity":
                    var number: Double?, unit: String?
                    try reader.object { (reader: inout Reader, key: String) throws(Malformed) in
                        switch key {
                        case "number": number = try reader.number()
                        case "unit": unit = try reader.string()
                        default: try reader.skipValue()
                        }
                    }
                    guard let number, let unit else { throw Malformed() }
                    block.quantity = Quantity(number: number, unit: unit)
                default: try reader.skipValue()
                }
            }
            guard let kind else { throw Malformed() }
            block.kind = kind
            return block
        }

        /// Reads `{ "key": value, … }`, handing each key to `member` to read its value.
        mutating func object(_ member: (inout Reader, String) throws(Malformed) -> Void) throws(Malformed) {
            try expect(UInt8(ascii: "{"))
            if try peek() == UInt8(ascii: "}") {
                at += 1
                return
            }
            repeat {
                let key = try string()
                try expect(UInt8(ascii: ":"))
                try member(&self, key)
            } while try separator(closing: UInt8(ascii: "}"))
        }

        /// `true` after a `,`, `false` after `closing`.
        private mutating func separator(closing: UInt8) throws(Malformed) -> Bool {
            let byte = try peek()
            at += 1
            if byte == UInt8(ascii: ",") { return true }
            guard byte == closing else { throw Malformed() }
            return false
        }

        mutating func string() throws(Malformed) -> String {
            try expect(UInt8(ascii: "\""))
            let start = at
            // Most strings have no escapes: one copy of their bytes.
            while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\") { at += 1 }
            guard at < bytes.count else { throw Malformed() }
            if bytes[at] == UInt8(ascii: "\"") {
                at += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at - 1]), as: UTF8.self)
            }
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self).unicodeScalars)
            var utf8: [UInt8] = []
            func flush() {
                scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars)
                utf8.removeAll(keepingCapacity: true)
            }
            while true {
                guard at < bytes.count else { throw Malformed() }
                let byte = bytes[at]
                at += 1
                if byte == UInt8(ascii: "\"") { break }
                guard byte == UInt8(ascii: "\\") else {
                    utf8.append(byte)
                    continue
                }
                guard at < bytes.count else { throw Malformed() }
                let escape = bytes[at]
                at += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "u"):
                    flush()
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code) {
                        // A surrogate pair: the low half follows as another \u escape.
                        try expect(UInt8(ascii: "\\"))
                        try expect(UInt8(ascii: "u"))
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw Malformed() }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw Malformed() }
                    scalars.append(scalar)
                default: throw Malformed()
                }
            }
            flush()
            return String(scalars)
        }

        private mutating func hex4() throws(Malformed) -> UInt32 {
            guard at + 4 <= bytes.count, let code = UInt32(String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<at + 4]), as: UTF8.self), radix: 16)
            else { throw Malformed() }
            at += 4
            return code
        }

        mutating func number() throws(Malformed) -> Double {
            skipSpace()
            let start = at
            while at < bytes.count, Self.isNumberByte(bytes[at]) { at += 1 }
            guard at > start, let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)),
                  value.isFinite else { throw Malformed() }
            return value
        }

        private static func isNumberByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"): true
            default: false
            }
        }

        /// Skips any JSON value.
        mutating func skipValue() throws(Malformed) {
            switch try peek() {
            case UInt8(ascii: "\""): _ = try string()
            case UInt8(ascii: "{"): try object { (reader: inout Reader, _: String) throws(Malformed) in try reader.skipValue() }
            case UInt8(ascii: "["):
                at += 1
                if try peek() == UInt8(ascii: "]") {
                    at += 1
                    return
                }
                repeat { try skipValue() } while try separator(closing: UInt8(ascii: "]"))
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default: _ = try number()
            }
        }

        private mutating func literal(_ word: StaticString) throws(Malformed) {
            let count = word.utf8CodeUnitCount
            guard at + count <= bytes.count,
                  UnsafeBufferPointer(rebasing: bytes[at..<at + count]).elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: count))
            else { throw Malformed() }
            at += count
        }

        private mutating func expect(_ byte: UInt8) throws(Malformed) {
            guard try peek() == byte else { throw Malformed() }
            at += 1
        }

        /// The next byte after whitespace, not consumed.
        private mutating func peek() throws(Malformed) -> UInt8 {
            skipSpace()
            guard at < bytes.count else { throw Malformed() }
            return bytes[at]
        }

        private mutating func skipSpace() {
            while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 { at += 1 }
        }
    }
}
