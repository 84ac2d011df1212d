/// Discord's documented size limits for webhook messages, and how Discord counts characters.
///
/// Discord's API is written in Python 3 and measures string length in Unicode code points
/// (confirmed by a Discord engineer in discord-api-docs issue #1315): an emoji such as 👍 counts
/// 1, a flag such as 🇫🇷 counts 2 and 👨‍👩‍👧 counts 5. ``count(_:)`` counts the same way.
public enum DiscordLimits {
    /// Characters in a message's `content`.
    public static let content = 2000
    /// Embeds in one message.
    public static let embedsPerMessage = 10
    /// Characters in an embed title.
    public static let embedTitle = 256
    /// Characters in an embed description.
    public static let embedDescription = 4096
    /// Fields in one embed.
    public static let embedFields = 25
    /// Characters in an embed field name.
    public static let embedFieldName = 256
    /// Characters in an embed field value.
    public static let embedFieldValue = 1024
    /// Characters in an embed footer text.
    public static let embedFooter = 2048
    /// Characters in an embed author name.
    public static let embedAuthorName = 256
    /// Characters summed over title, description, field names and values, footer and author of
    /// every embed in a message.
    public static let embedTotal = 6000
    /// Files attached to one message.
    public static let filesPerMessage = 10
    /// Bytes in one attached file (10 MiB).
    public static let fileBytes = 10 * 1024 * 1024
    /// Allowed length of a username override.
    public static let username = 1...80

    /// The length of `text` as Discord counts it: Unicode code points.
    public static func count(_ text: String) -> Int {
        text.unicodeScalars.count
    }

    /// `text` cut to at most `limit` code points, ending in `…` when cut, never splitting a
    /// grapheme (unless one grapheme alone is longer than the limit).
    public static func truncate(_ text: String, to limit: Int) -> String {
        guard count(text) > limit else { return text }
        guard limit > 1 else { return limit == 1 ? "…" : "" }
        var result = ""
        var used = 0
        for character in text {
            let size = character.unicodeScalars.count
            if used + size > limit - 1 { break }
            result.append(character)
            used += size
        }
        return result + "…"
    }
}
