import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension Date {
    /// The date as GRDB stores a `Date` (`2026-11-28 08:30:00.123`, UTC), which GRDB reads back
    /// as a `Date`. Built with `gmtime_r`: GRDB's own conversion creates an ICU date formatter,
    /// about a millisecond of every short devlog process that saves.
    var storageText: String {
        let interval = timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        var fields = tm()
        gmtime_r(&seconds, &fields)
        let milliseconds = min(999, Int((interval - Double(seconds)) * 1000))
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(Int(fields.tm_year) + 1900, 4))-\(padded(Int(fields.tm_mon) + 1, 2))-\(padded(Int(fields.tm_mday), 2)) "
            + "\(padded(Int(fields.tm_hour), 2)):\(padded(Int(fields.tm_min), 2)):\(padded(Int(fields.tm_sec), 2)).\(padded(milliseconds, 3))"
    }
}
