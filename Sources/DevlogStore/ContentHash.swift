import DevlogModel

/// FNV-1a, 128 bits, over a devlog's packed blocks (``PackedBlocks``: every field of every block,
/// length-prefixed, so field boundaries cannot shift): tells whether two devlogs hold the same
/// content, and names devlogs that carry no agent, mission and cycle.
///
/// It identifies content; it is not a defence against someone crafting collisions, which nothing
/// here needs (no crypto package is in the manifest).
enum ContentHash {
    private static let offsetBasis: UInt128 = 0x6c62272e07bb014262b821756295c58d

    /// What every hash starts with; a cycle's identity starting with it is a content hash.
    static let prefix = "fnv1a128:"

    /// The hash of packed blocks, as ``prefix`` and 32 lowercase hex digits.
    static func of(packed bytes: [UInt8]) -> String {
        var high = UInt64(truncatingIfNeeded: offsetBasis >> 64)
        var low = UInt64(truncatingIfNeeded: offsetBasis)
        for byte in bytes {
            low ^= UInt64(byte)
            // Times the FNV prime 2^88 + 0x13B, in two 64-bit halves: a general 128-bit
            // multiply per byte was a tenth of a save.
            let (carry, product) = low.multipliedFullWidth(by: 0x13B)
            high = high &* 0x13B &+ carry &+ (low << 24)
            low = product
        }
        return prefix + hex(high) + hex(low)
    }

    /// 16 lowercase hex digits, zero-padded.
    private static func hex(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            let digits: StaticString = "0123456789abcdef"
            for index in 0..<16 {
                let nibble = Int((value >> UInt64(60 - 4 * index)) & 0xf)
                buffer[index] = digits.utf8Start[nibble]
            }
            return 16
        }
    }
}
