import DevlogModel

/// FNV-1a, 128 bits, over every field of every block: tells whether two devlogs hold the same
/// content, and names devlogs that carry no agent, mission and cycle.
///
/// It identifies content; it is not a defence against someone crafting collisions, which nothing
/// here needs (no crypto package is in the manifest).
struct ContentHash {
    private var state: UInt128 = 0x6c62272e07bb014262b821756295c58d
    private static let prime: UInt128 = 0x0000000001000000000000000000013B

    /// The hash of a devlog's blocks, as `fnv1a128:` and 32 hex digits.
    static func of(_ devlog: Devlog) -> String {
        var hash = ContentHash()
        hash.combine(UInt64(devlog.blocks.count))
        for block in devlog.blocks {
            hash.combine(block.kind.rawValue)
            hash.combine(block.indent)
            hash.combine(block.marker)
            hash.combine(block.label)
            hash.combine(block.value)
            hash.combine(block.status?.state.rawValue)
            hash.combine(block.status?.text)
            hash.combine(block.quantity.map { String($0.number) })
            hash.combine(block.quantity?.unit)
            hash.combine(block.number.map { String($0) })
            hash.combine(block.raw)
        }
        let hex = String(hash.state, radix: 16)
        return "fnv1a128:" + String(repeating: "0", count: 32 - hex.count) + hex
    }

    /// Length-prefixed, with a distinct tag for `nil`, so field boundaries cannot shift.
    private mutating func combine(_ text: String?) {
        guard let text else {
            combine(UInt64.max)
            return
        }
        combine(UInt64(text.utf8.count))
        for byte in text.utf8 { mix(byte) }
    }

    private mutating func combine(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { mix(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    private mutating func mix(_ byte: UInt8) {
        state ^= UInt128(byte)
        state = state &* Self.prime
    }
}
