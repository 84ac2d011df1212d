import Foundation

/// A 64-bit FNV-1a fingerprint, used to notice that a part changed since it was posted.
///
/// Change detection only, not security: nobody gains by forging a collision here, and a
/// dependency-free hash keeps the module light.
public struct ContentHash: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Creates an empty fingerprint.
    public init() {}

    /// Feeds `data`, preceded by its length so that concatenations stay distinct.
    public mutating func add(_ data: Data) {
        var length = UInt64(data.count)
        withUnsafeBytes(of: &length) { feed($0) }
        data.withUnsafeBytes { feed($0) }
    }

    private mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            state ^= UInt64(byte)
            state &*= 0x0000_0100_0000_01b3
        }
    }

    /// The fingerprint as 16 lowercase hex digits.
    public var hexDigest: String {
        let hex = String(state, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
