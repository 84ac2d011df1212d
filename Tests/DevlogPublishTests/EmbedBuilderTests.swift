@testable import DevlogPublish
import Testing

@Suite("EmbedBuilder")
struct EmbedBuilderTests {
    let builder = EmbedBuilder()

    @Test("a normal summary: fields, colour, bullets")
    func normal() {
        let summary = DevlogSummary(
            title: "DEVLOG — Agent-7", agent: "Agent-7", mission: "Ship the publisher", status: "✅ COMPLETED", progress: "100%",
            metrics: [.init(label: "Tests", value: "124 passed")], nextSteps: ["Merge", "Announce"])
        let embed = builder.embed(for: summary)
        #expect(embed.title == "DEVLOG — Agent-7")
        #expect(embed.description == "Ship the publisher")
        #expect(embed.color == EmbedBuilder.Colour.done)
        #expect(embed.fields.map(\.name) == ["Agent", "Status", "Progress", "Tests", "Next steps"])
        #expect(embed.fields.last?.value == "• Merge\n• Announce")
        #expect(WebhookMessage(embeds: [embed]).violations().isEmpty)
    }

    @Test("a metric's change since the previous cycle is the second line of its field")
    func change() {
        let summary = DevlogSummary(title: "t", agent: "Agent-7", mission: "m", status: "In Progress",
                                    metrics: [.init(label: "Coverage", value: "91%", change: "▲ +6% since cycle 2"), .init(label: "Notes", value: "none")])
        let fields = builder.embed(for: summary).fields
        #expect(fields.first { $0.name == "Coverage" }?.value == "91%\n▲ +6% since cycle 2")
        #expect(fields.first { $0.name == "Notes" }?.value == "none")
    }

    @Test("status spellings pick colours", arguments: [
        ("COMPLETED", EmbedBuilder.Colour.done), ("🔄 In Progress", EmbedBuilder.Colour.inProgress),
        ("❌ Blocked", EmbedBuilder.Colour.failed), ("unknown", EmbedBuilder.Colour.other),
    ])
    func colours(status: String, colour: Int) {
        #expect(builder.colour(for: status) == colour)
    }

    @Test("giant input stays within every embed limit, cut with …")
    func giant() {
        let huge = String(repeating: "🚀x", count: 5000)
        let summary = DevlogSummary(
            title: huge, agent: huge, mission: huge, status: huge, progress: huge,
            metrics: (0..<40).map { .init(label: "\($0)\(huge)", value: huge) }, nextSteps: (0..<100).map { "step \($0) \(huge)" })
        let embed = builder.embed(for: summary)
        #expect(WebhookMessage(embeds: [embed]).violations() == [])
        #expect(embed.totalCharacters <= DiscordLimits.embedTotal)
        #expect(embed.fields.count <= DiscordLimits.embedFields)
        #expect(embed.title?.hasSuffix("…") == true)
        #expect(DiscordLimits.count(embed.title ?? "") == DiscordLimits.embedTitle)
    }

    @Test("empty values become a dash, since Discord refuses empty fields")
    func empty() {
        let embed = builder.embed(for: DevlogSummary(title: "", agent: " ", mission: "", status: ""))
        #expect(embed.fields.allSatisfy { !$0.value.isEmpty })
        #expect(WebhookMessage(embeds: [embed]).violations().isEmpty)
    }
}
