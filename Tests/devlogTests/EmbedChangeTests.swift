import DevlogKit
import DevlogModel
import DevlogPublish
import Foundation
import Logging
import Testing

/// The embed summary shows how each key metric moved since the agent's previous cycle.
@Suite struct EmbedChangeTests {
    @Test func keyMetricsShowTheirChangeSinceTheAgentsPreviousCycle() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devlog-embed-\(UUID().uuidString)")
        let project = try DevlogProject(configuration: .init(folder: folder.path), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        func cycle(_ agent: String, _ number: Int, _ date: String, _ metrics: [(String, String)]) throws -> Int64 {
            let id = try project.startCycle(agent: Agent(id: agent), mission: Mission(id: "m"), cycle: Cycle(number: number, date: date)).id
            try project.edit(.id(id)) { devlog in
                for (label, value) in metrics { devlog.setMetric(label, value, group: "Quality Metrics") }
            }
            return id
        }
        let first = try cycle("Agent-7", 1, "2026-11-01", [("Coverage", "85%"), ("p95", "1.5 s"), ("Phase", "design")])
        _ = try cycle("Agent-8", 1, "2026-11-02", [("Coverage", "10%")])
        let second = try cycle("Agent-7", 2, "2026-11-03", [("Coverage", "91%"), ("p95", "1.2 s"), ("Phase", "build"), ("New", "3")])

        func fields(_ id: Int64) throws -> [String: String] {
            let parts = try project.parts(forCycle: id, mode: .embed)
            let embed = try #require(parts.first?.message.embeds.first)
            return Dictionary(embed.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        let now = try fields(second)
        // Agent-8's cycle between them is another agent's: the change is from Agent-7's cycle 1.
        #expect(now["Coverage"] == "91%\n▲ +6% since cycle 1")
        #expect(now["p95"] == "1.2 s\n▼ -0.3 s since cycle 1")
        #expect(now["Phase"] == "build")
        #expect(now["New"] == "3")
        #expect(try fields(first)["Coverage"] == "85%")
    }
}
