import DevlogModel

/// FNV-1a, 128 bits, over a devlog's packed blocks (``PackedBlocks``: every field of every block,
/// length-prefixed, so field boundaries cannot shift): tells whether two devlogs hold the same
/// content, and names devlogs that carry no agent, mission and cycle.
///
/// It identifies content; it is not a defence against someone crafting collisions, which nothing
/// here needs (no crypto package is in the manifest).
enum ContentHash {
    private static let offsetBasis: UInt128 = 0x6c62272e07bb014262b821756295c58d
    private static let prime: UInt128 = 0x0000000001000000000000000000013B

    /// The hash of packed blocks, as `fnv1a128:` and 32 hex digits.
    static func of(packed bytes: [UInt8]) -> String {
        var state = offsetBasis
        for byte in bytes {
            state ^= UInt128(byte)
            state = state &* prime
        }
        let hex = String(state, radix: 16)
        return "fnv1a128:" + String(repeating: "0", count: 32 - hex.count) + hex
    }
}
