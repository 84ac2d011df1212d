#if canImport(Glibc)
import Glibc
#endif

/// Whole reads and writes on a file descriptor, retried after signals: `read`, `write` and
/// `send` may each move only part of a buffer.
enum Descriptor {
    /// Hands all of `buffer` to `transfer` (a `write` or `send` of the bytes at a pointer, which
    /// returns how many it took or -1); 0, or the `errno` that stopped it.
    static func writeAll(_ buffer: UnsafeRawBufferPointer, with transfer: (UnsafeRawPointer, Int) -> Int) -> Int32 {
        var offset = 0
        while offset < buffer.count {
            let count = transfer(buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += count
        }
        return 0
    }

    /// Reads from `descriptor` until `buffer` is full or the file ends; the count read, `nil` on
    /// an error.
    static func readFully(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        var total = 0
        while total < buffer.count {
            let count = read(descriptor, buffer.baseAddress! + total, buffer.count - total)
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            total += count
        }
        return total
    }
}
