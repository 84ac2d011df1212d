import DevlogModel

/// A devlog's blocks as one compact byte string: the `cycles.blocks` column.
///
/// A devlog is saved and read back whole, so its ~160 blocks are one value, not ~160 rows; the
/// parts queries need (tasks, metrics) also go into typed tables. Layout, after a format byte:
/// per block a kind code, a byte of flags saying which optional parts follow, then indent, marker,
/// label and value, then the status (state code, text), quantity (IEEE 754 bits, unit), number
/// and raw text when present. Texts are a LEB128 length and UTF-8; numbers little-endian.
enum PackedBlocks {
    /// The first byte; a new layout gets a new one, and decoding refuses others.
    static let format: UInt8 = 1

    /// Kind codes: an index into this list, so append only.
    private static let kinds: [Block.Kind] = [
        .title, .section, .subsection, .field, .metric, .task, .item, .check, .numbered, .code, .rule, .pairs, .text, .blank,
    ]
    /// State codes: an index into this list, so append only.
    private static let states: [Status.State] = [.pending, .inProgress, .completed, .blocked, .failed, .cancelled, .unknown]


    private enum Flag {
        static let status: UInt8 = 1
        static let quantity: UInt8 = 2
        static let number: UInt8 = 4
        static let raw: UInt8 = 8
    }

    /// Why bytes are not packed blocks.
    struct Malformed: Error {
        let reason: String
    }

    /// The blocks, packed.
    static func pack(_ blocks: [Block]) -> [UInt8] {
        // Written through a pointer into a buffer sized for the worst case: appending to an
        // array, each byte and text checked capacity and uniqueness, a twentieth of a save.
        [UInt8](unsafeUninitializedCapacity: maximumSize(blocks)) { buffer, count in
            var out = Writer(buffer: buffer)
            out.byte(format)
            // Indices, not `for block in blocks`: copying each block out retains all its strings.
            for index in blocks.indices {
                // A scan of 14 cases, not a dictionary: hashing each kind cost more than the scan.
                out.byte(UInt8(kinds.firstIndex(of: blocks[index].kind)!))
                var flags: UInt8 = 0
                if blocks[index].status != nil { flags |= Flag.status }
                if blocks[index].quantity != nil { flags |= Flag.quantity }
                if blocks[index].number != nil { flags |= Flag.number }
                if blocks[index].raw != nil { flags |= Flag.raw }
                out.byte(flags)
                out.text(blocks[index].indent)
                out.text(blocks[index].marker)
                out.text(blocks[index].label)
                out.text(blocks[index].value)
                if let status = blocks[index].status {
                    out.byte(UInt8(states.firstIndex(of: status.state)!))
                    out.text(status.text)
                }
                if let quantity = blocks[index].quantity {
                    out.littleEndian64(quantity.number.bitPattern)
                    out.text(quantity.unit)
                }
                if let number = blocks[index].number {
                    // Zigzag, so a negative number stays short.
                    let value = Int64(number)
                    out.varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
                }
                if let raw = blocks[index].raw { out.text(raw) }
            }
            count = out.offset
        }
    }

    /// At least the packed size of `blocks`: every varint counted at its longest.
    private static func maximumSize(_ blocks: [Block]) -> Int {
        var size = 1
        // Indices, as in `pack`: no copy of each block.
        for index in blocks.indices {
            size += 2 + 4 * 10 + blocks[index].indent.utf8.count + blocks[index].marker.utf8.count
                + blocks[index].label.utf8.count + blocks[index].value.utf8.count
            if let status = blocks[index].status { size += 1 + 10 + status.text.utf8.count }
            if let quantity = blocks[index].quantity { size += 8 + 10 + quantity.unit.utf8.count }
            if blocks[index].number != nil { size += 10 }
            if let raw = blocks[index].raw { size += 10 + raw.utf8.count }
        }
        return size
    }

    /// The blocks packed in `bytes`; throws ``Malformed`` when they are not what ``pack(_:)`` writes.
    static func unpack(_ bytes: UnsafeRawBufferPointer) throws(Malformed) -> [Block] {
        var reader = Reader(bytes: bytes)
        guard try reader.byte() == format else { throw Malformed(reason: "unknown format \(bytes.first ?? 0)") }
        var blocks: [Block] = []
        blocks.reserveCapacity(bytes.count / 32)
        while !reader.isAtEnd {
            let kindCode = Int(try reader.byte())
            guard kindCode < kinds.count else { throw Malformed(reason: "unknown block kind \(kindCode)") }
            let flags = try reader.byte()
            var block = Block(kind: kinds[kindCode], indent: try reader.text(), marker: try reader.text(),
                              label: try reader.text(), value: try reader.text())
            if flags & Flag.status != 0 {
                let stateCode = Int(try reader.byte())
                guard stateCode < states.count else { throw Malformed(reason: "unknown status state \(stateCode)") }
                block.status = Status(states[stateCode], text: try reader.text())
            }
            if flags & Flag.quantity != 0 {
                block.quantity = Quantity(number: Double(bitPattern: try reader.littleEndian64()), unit: try reader.text())
            }
            if flags & Flag.number != 0 {
                let zigzag = try reader.varint()
                let value = Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1)
                guard let number = Int(exactly: value) else { throw Malformed(reason: "number out of range") }
                block.number = number
            }
            if flags & Flag.raw != 0 { block.raw = try reader.text() }
            blocks.append(block)
        }
        return blocks
    }

    /// Writes packed bytes front to back into a buffer ``maximumSize(_:)`` long.
    private struct Writer {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var offset = 0

        mutating func byte(_ value: UInt8) {
            buffer[offset] = value
            offset += 1
        }

        mutating func varint(_ value: UInt64) {
            var value = value
            while value >= 0x80 {
                byte(UInt8(truncatingIfNeeded: value) | 0x80)
                value >>= 7
            }
            byte(UInt8(value))
        }

        mutating func littleEndian64(_ value: UInt64) {
            UnsafeMutableRawPointer(buffer.baseAddress! + offset).storeBytes(of: value.littleEndian, as: UInt64.self)
            offset += 8
        }

        mutating func text(_ text: String) {
            let utf8 = text.utf8
            varint(UInt64(utf8.count))
            // Native strings hand over their bytes at once; others go a byte at a time.
            let copied = utf8.withContiguousStorageIfAvailable { bytes in
                guard let start = bytes.baseAddress else { return }
                (buffer.baseAddress! + offset).update(from: start, count: bytes.count)
            }
            if copied != nil {
                offset += utf8.count
            } else {
                for unit in utf8 { byte(unit) }
            }
        }
    }

    /// Reads packed bytes front to back, refusing to run past the end.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        var isAtEnd: Bool { offset >= bytes.count }

        mutating func byte() throws(Malformed) -> UInt8 {
            guard offset < bytes.count else { throw Malformed(reason: "ends inside a block") }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func varint() throws(Malformed) -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let next = try byte()
                guard shift < 64 else { throw Malformed(reason: "a length or number is too long") }
                value |= UInt64(next & 0x7f) << shift
                if next < 0x80 { return value }
                shift += 7
            }
        }

        mutating func littleEndian64() throws(Malformed) -> UInt64 {
            guard bytes.count - offset >= 8 else { throw Malformed(reason: "ends inside a quantity") }
            defer { offset += 8 }
            return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }

        mutating func text() throws(Malformed) -> String {
            let length = try varint()
            guard length <= UInt64(bytes.count - offset) else { throw Malformed(reason: "a text runs past the end") }
            let start = offset
            offset += Int(length)
            guard length > 0 else { return "" }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        }
    }
}
