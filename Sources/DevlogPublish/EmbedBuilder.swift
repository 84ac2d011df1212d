import Foundation

/// Builds the one-embed summary of a devlog, within every embed limit: each text is cut with
/// `…` at its own limit, metrics beyond the field limit are dropped, and if the total still
/// exceeds 6000 characters the mission text, then the last fields, give way.
public struct EmbedBuilder: Sendable {
    /// Border colours by status.
    public enum Colour {
        /// Done: green.
        public static let done = 0x2ECC71
        /// Blocked or failed: red.
        public static let failed = 0xE74C3C
        /// Under way: amber.
        public static let inProgress = 0xF1C40F
        /// Anything else: Discord blurple.
        public static let other = 0x5865F2
    }

    /// Creates a builder.
    public init() {}

    /// The colour for a status in any of its spellings (`COMPLETED`, `✅ Done`, `🔄 In Progress`, …).
    public func colour(for status: String) -> Int {
        let text = status.lowercased()
        if ["fail", "block", "error", "❌", "abandon"].contains(where: text.contains) { return Colour.failed }
        if ["complete", "done", "success", "✅", "finished", "merged"].contains(where: text.contains) { return Colour.done }
        if ["progress", "partial", "pending", "🔄", "⏳", "ongoing", "started"].contains(where: text.contains) { return Colour.inProgress }
        return Colour.other
    }

    /// The summary embed for `summary`.
    public func embed(for summary: DevlogSummary) -> DiscordEmbed {
        let cut = DiscordLimits.truncate
        var fields: [DiscordEmbed.Field] = [
            .init(name: "Agent", value: cut(nonEmpty(summary.agent), DiscordLimits.embedFieldValue), inline: true),
            .init(name: "Status", value: cut(nonEmpty(summary.status), DiscordLimits.embedFieldValue), inline: true),
        ]
        if let progress = summary.progress {
            fields.append(.init(name: "Progress", value: cut(nonEmpty(progress), DiscordLimits.embedFieldValue), inline: true))
        }
        let nextStepsField = summary.nextSteps.isEmpty ? nil : DiscordEmbed.Field(
            name: "Next steps", value: bullets(summary.nextSteps, limit: DiscordLimits.embedFieldValue))
        let metricRoom = DiscordLimits.embedFields - fields.count - (nextStepsField == nil ? 0 : 1)
        fields += summary.metrics.prefix(metricRoom).map {
            .init(name: cut(nonEmpty($0.label), DiscordLimits.embedFieldName), value: cut(nonEmpty($0.value) + ($0.change.map { "\n" + $0 } ?? ""), DiscordLimits.embedFieldValue), inline: true)
        }
        if let nextStepsField { fields.append(nextStepsField) }
        var embed = DiscordEmbed(
            title: cut(nonEmpty(summary.title), DiscordLimits.embedTitle),
            description: cut(summary.mission, DiscordLimits.embedDescription),
            color: colour(for: summary.status), fields: fields)
        shrinkToTotal(&embed)
        return embed
    }

    /// Cuts the description, then drops trailing fields, until the 6000 total holds.
    private func shrinkToTotal(_ embed: inout DiscordEmbed) {
        var excess = embed.totalCharacters - DiscordLimits.embedTotal
        guard excess > 0 else { return }
        if let description = embed.description {
            let length = DiscordLimits.count(description)
            embed.description = DiscordLimits.truncate(description, to: max(length - excess, 0))
            excess = embed.totalCharacters - DiscordLimits.embedTotal
        }
        while excess > 0, embed.fields.count > 2 {
            embed.fields.removeLast()
            excess = embed.totalCharacters - DiscordLimits.embedTotal
        }
    }

    /// `• step` lines within `limit`, ending with `… and N more` when they do not all fit.
    private func bullets(_ steps: [String], limit: Int) -> String {
        var lines: [String] = []
        var used = 0
        for (index, step) in steps.enumerated() {
            let line = "• " + DiscordLimits.truncate(step.trimmingCharacters(in: .whitespacesAndNewlines), to: 200)
            let more = "… and \(steps.count - index) more"
            let size = DiscordLimits.count(line) + (lines.isEmpty ? 0 : 1)
            let roomForMore = index == steps.count - 1 ? 0 : DiscordLimits.count(more) + 1
            if used + size + roomForMore > limit {
                lines.append(more)
                break
            }
            lines.append(line)
            used += size
        }
        return lines.joined(separator: "\n")
    }

    /// Discord refuses empty field values; a dash stands in.
    private func nonEmpty(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "—" : text
    }
}
