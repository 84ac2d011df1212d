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
        // `isNewline` splits on CRLF too (one Character in Swift), so CRLF copies read the same.
        let lines = markdown.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        self.init(
            date: Self.firstValue(of: "Cycle Date", in: lines),
            agent: Self.firstValue(of: "Agent ID", in: lines),
            mission: Self.firstValue(of: "Mission ID", in: lines),
            cycle: Self.footerCycle(in: lines),
            status: Self.primaryStatus(in: lines))
    }

    /// The value of the first `- **Label:** value` line.
    private static func firstValue(of label: String, in lines: [Substring]) -> String {
        for line in lines {
            if let value = listValue(of: label, in: line) { return value }
        }
        return ""
    }

    /// The `Status` under `### Primary Task`; without that heading, the first unindented one.
    private static func primaryStatus(in lines: [Substring]) -> String {
        if let heading = lines.firstIndex(where: { $0.hasPrefix("###") && $0.lowercased().contains("primary task") }) {
            for line in lines[(heading + 1)...] {
                if line.hasPrefix("#") { break }
                if let value = listValue(of: "Status", in: line) { return value }
            }
        }
        for line in lines where line.hasPrefix("-") {
            if let value = listValue(of: "Status", in: line) { return value }
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

    private static func listValue(of label: String, in line: Substring) -> String? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        let prefix = "- **\(label):**"
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
