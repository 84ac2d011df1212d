import Foundation

/// The facts the devlog index shows for one devlog, as plain text.
public struct DevlogMetadata: Sendable, Hashable {
    /// The cycle date as written (`2025-09-11`).
    public var date: String
    /// The agent (`Agent-6`).
    public var agent: String
    /// The mission ID (`performance_optimization_task`).
    public var mission: String
    /// The cycle label from the footer (`2`, `Swarm Unity Coordination`).
    public var cycle: String
    /// The primary task's status as written (`✅ Completed`).
    public var status: String

    /// Creates metadata; every field defaults to empty (unknown).
    public init(date: String = "", agent: String = "", mission: String = "", cycle: String = "", status: String = "") {
        self.date = date
        self.agent = agent
        self.mission = mission
        self.cycle = cycle
        self.status = status
    }

    /// Reads the metadata from a DEVLOG v3.1 text: `- **Cycle Date:**`, `- **Agent ID:**`,
    /// `- **Mission ID:**`, the primary task's `- **Status:**` and the footer's `**Cycle:**`.
    /// Fields that are absent stay empty; CRLF endings and backtick-wrapped values are accepted.
    public init(markdown: String) {
        let lines = Self.lines(of: markdown)
        self.init(
            date: Self.firstValue(of: "Cycle Date", in: lines),
            agent: Self.firstValue(of: "Agent ID", in: lines),
            mission: Self.firstValue(of: "Mission ID", in: lines),
            cycle: Self.footerCycle(in: lines),
            status: Self.primaryStatus(in: lines))
    }

    /// The text's lines, split as `Character.isNewline` splits them (CRLF is one break). The
    /// index reads every devlog of the directory on each archive: texts with only `\n` and `\r\n`
    /// breaks, all of them in practice, are split on bytes instead of on Characters.
    private static func lines(of text: String) -> [Substring] {
        let utf8 = text.utf8
        // Other line breaks: VT, FF, NEL (C2 85), LS and PS (E2 80 A8/A9); and a CR not before LF.
        let bytes = Array(utf8)
        let plain = !bytes.indices.contains { i in
            switch bytes[i] {
            case 0x0B, 0x0C: return true
            case 0x0D: return i + 1 == bytes.count || bytes[i + 1] != 0x0A
            case 0x85: return i >= 1 && bytes[i - 1] == 0xC2
            case 0xA8, 0xA9: return i >= 2 && bytes[i - 2] == 0xE2 && bytes[i - 1] == 0x80
            default: return false
            }
        }
        guard plain else { return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) }
        var lines: [Substring] = []
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == 0x0A {
                var end = index
                if end > start, utf8[utf8.index(before: end)] == 0x0D { end = utf8.index(before: end) }
                lines.append(text[start..<end])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        lines.append(text[start..<utf8.endIndex])
        return lines
    }

    /// The value of the first `- **Label:** value` line.
    private static func firstValue(of label: String, in lines: [Substring]) -> String {
        let prefix = "- **\(label):**"
        for line in lines {
            if let value = listValue(prefix, in: line) { return value }
        }
        return ""
    }

    /// The `Status` under `### Primary Task`; without that heading, the first unindented one.
    private static func primaryStatus(in lines: [Substring]) -> String {
        if let heading = lines.firstIndex(where: { $0.hasPrefix("###") && $0.lowercased().contains("primary task") }) {
            for line in lines[(heading + 1)...] {
                if line.hasPrefix("#") { break }
                if let value = listValue(statusPrefix, in: line) { return value }
            }
        }
        for line in lines where line.hasPrefix("-") {
            if let value = listValue(statusPrefix, in: line) { return value }
        }
        return ""
    }

    /// The footer's `**Cycle:** label` (up to the next ` | `), from the last line that has one.
    private static func footerCycle(in lines: [Substring]) -> String {
        let marker = "**Cycle:**"
        for line in lines.reversed() {
            guard let range = line.range(of: marker) else { continue }
            let rest = line[range.upperBound...]
            let value = rest.range(of: " | ").map { rest[..<$0.lowerBound] } ?? rest
            return clean(value)
        }
        return ""
    }

    private static let statusPrefix = "- **Status:**"

    /// The value after `prefix` (`- **Label:**`) on `line`, indented or not.
    private static func listValue(_ prefix: String, in line: Substring) -> String? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix(prefix) else { return nil }
        return clean(trimmed.dropFirst(prefix.count))
    }

    /// Trims spaces and one pair of wrapping backticks (the template writes values as code).
    private static func clean(_ value: Substring) -> String {
        var text = value.trimmingCharacters(in: .whitespaces)
        if text.count >= 2, text.hasPrefix("`"), text.hasSuffix("`") {
            text = String(text.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        }
        return text
    }
}
