import DevlogModel

/// MurmurHash3 x64 128 (seed 0) over a devlog's packed blocks (``PackedBlocks``: every field of
/// every block, length-prefixed, so field boundaries cannot shift): tells whether a save changes
/// what is stored (`cycles.content_hash`).
///
/// It identifies content; it is not a defence against someone crafting collisions, which nothing
/// here needs (no crypto package is in the manifest). Earlier versions stored FNV-1a 128, which
/// goes a byte at a time (about 10 µs of a devlog, 5% of a save); this reads 16 bytes per step.
/// The `murmurContentHashes` migration rehashes a store written with it. Devlogs without agent,
/// mission and cycle are still named by FNV-1a (``ContentName``), so their identities stay.
enum ContentHash {
    /// What every hash starts with.
    static let prefix = "mmh3x128:"

    /// The hash of packed blocks, as ``prefix`` and 32 lowercase hex digits: h1, then h2, each
    /// as a number (not the reference's little-endian digest bytes).
    static func of(packed bytes: [UInt8]) -> String {
        let (h1, h2) = bytes.withUnsafeBytes(murmur3)
        return prefix + hex(h1) + hex(h2)
    }

    private static let c1: UInt64 = 0x87c3_7b91_1142_53d5
    private static let c2: UInt64 = 0x4cf5_ad43_2745_937f

    /// MurmurHash3_x64_128 as Austin Appleby's reference defines it, seed 0.
    static func murmur3(_ data: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        var h1: UInt64 = 0
        var h2: UInt64 = 0
        let blocks = data.count / 16
        for block in 0..<blocks {
            let k1 = UInt64(littleEndian: data.loadUnaligned(fromByteOffset: block * 16, as: UInt64.self))
            let k2 = UInt64(littleEndian: data.loadUnaligned(fromByteOffset: block * 16 + 8, as: UInt64.self))
            h1 ^= mixK1(k1)
            h1 = rotate(h1, 27) &+ h2
            h1 = h1 &* 5 &+ 0x52dc_e729
            h2 ^= mixK2(k2)
            h2 = rotate(h2, 31) &+ h1
            h2 = h2 &* 5 &+ 0x3849_5ab5
        }
        // The last 1-15 bytes, little-endian: up to 8 into k1, the rest into k2.
        let tail = blocks * 16
        var k1: UInt64 = 0
        var k2: UInt64 = 0
        for index in tail..<data.count {
            let shift = UInt64((index - tail) % 8 * 8)
            if index - tail < 8 { k1 |= UInt64(data[index]) << shift } else { k2 |= UInt64(data[index]) << shift }
        }
        if data.count - tail > 8 { h2 ^= mixK2(k2) }
        if data.count - tail > 0 { h1 ^= mixK1(k1) }

        h1 ^= UInt64(data.count)
        h2 ^= UInt64(data.count)
        h1 &+= h2
        h2 &+= h1
        h1 = finalMix(h1)
        h2 = finalMix(h2)
        h1 &+= h2
        h2 &+= h1
        return (h1, h2)
    }

    private static func mixK1(_ k: UInt64) -> UInt64 { rotate(k &* c1, 31) &* c2 }
    private static func mixK2(_ k: UInt64) -> UInt64 { rotate(k &* c2, 33) &* c1 }
    private static func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 { value << bits | value >> (64 - bits) }

    private static func finalMix(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k >> 33
        k &*= 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k &*= 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }

    /// 16 lowercase hex digits, zero-padded.
    static func hex(_ value: UInt64) -> String {
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
