import DevlogModel

/// The identity of a devlog that carries no agent, mission and cycle: FNV-1a, 128 bits, over its
/// packed blocks, as every version has named such devlogs (so re-importing its file finds it).
///
/// Slower than ``ContentHash`` (a byte at a time), which is why it is computed only for those
/// devlogs. An edited one keeps its first name (see ``DevlogStore/update(id:_:)``).
enum ContentName {
    private static let offsetBasis: UInt128 = 0x6c62272e07bb014262b821756295c58d

    /// What every such identity starts with.
    static let prefix = "fnv1a128:"

    /// The name of packed blocks, as ``prefix`` and 32 lowercase hex digits.
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
        return prefix + ContentHash.hex(high) + ContentHash.hex(low)
    }
}
