import Foundation

/// Dates as devlogs write them, in UTC so agents in different zones agree.
enum Clock {
    /// `2026-11-28`.
    static func today() -> String { format("yyyy-MM-dd") }

    /// `2026-11-28T08:30:00 UTC`.
    static func now() -> String { format("yyyy-MM-dd'T'HH:mm:ss") + " UTC" }

    private static func format(_ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter.string(from: Date())
    }
}
