import DevlogArchive
import Foundation
import Testing

@Suite("DevlogIndex and DevlogMetadata")
struct DevlogIndexTests {
    @Test("metadata comes from the header fields, the primary task's status and the footer")
    func metadataFromText() {
        let text = sampleDevlog(agent: "Agent-4", mission: "M_001", cycle: "Swarm Unity", date: "2025-09-12", status: "🔄 In Progress")
        let meta = DevlogMetadata(markdown: text)
        #expect(meta == DevlogMetadata(date: "2025-09-12", agent: "Agent-4", mission: "M_001", cycle: "Swarm Unity", status: "🔄 In Progress"))
        // CRLF copies and the template's backtick-wrapped values read the same.
        let crlf = text.replacingOccurrences(of: "\n", with: "\r\n").replacingOccurrences(of: "Agent-4\r", with: "`Agent-4`\r")
        #expect(DevlogMetadata(markdown: crlf) == meta)
        #expect(DevlogMetadata(markdown: "# nothing here\n") == DevlogMetadata())
        // Every other line break Swift knows (lone CR, VT, FF, NEL, LS, PS) splits lines the same;
        // non-ASCII text around them (é is C3 A9, Å is C3 85) is not mistaken for one.
        for separator in ["\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"] {
            #expect(DevlogMetadata(markdown: text.replacingOccurrences(of: "\n", with: separator)) == meta, "separator \(separator.unicodeScalars.first!.value)")
        }
        let accented = text.replacingOccurrences(of: "M_001", with: "Mission_é_Å")
        #expect(DevlogMetadata(markdown: accented).mission == "Mission_é_Å")
        #expect(DevlogMetadata(markdown: "- **Agent ID:** A\n\n- **Mission ID:** M") == DevlogMetadata(agent: "A", mission: "M"))
    }

    @Test("the spec's example devlog", .enabled(if: Self.example != nil, "../shared/spec/devlog-v3.1-example.md is absent"))
    func specExample() throws {
        let meta = DevlogMetadata(markdown: try #require(Self.example))
        #expect(meta.agent == "Agent-6")
        #expect(meta.mission == "performance_optimization_task")
        #expect(meta.date == "2025-09-11")
        #expect(meta.cycle == "", "the example's footer has no Cycle field")
        #expect(meta.status == "✅ **PHASE 1 COMPLETE - Database Layer Optimized**")
    }

    @Test("the same files give the same index whatever order they come in")
    func deterministic() {
        var files: [String: String] = [:]
        for (index, agent) in ["Agent-3", "Agent-1", "Agent-2", "Agent-1"].enumerated() {
            files["log-\(index).md"] = sampleDevlog(agent: agent, mission: "m", cycle: "\(index % 2)", date: "2025-09-1\(index % 2)", status: "a | b")
        }
        let index = index(texts: files)
        let reversed = DevlogIndex(rows: index.rows.reversed())
        #expect(index.markdown == reversed.markdown)
        #expect(index.rows.map(\.path) == ["log-2.md", "log-0.md", "log-1.md", "log-3.md"])
        #expect(index.markdown.contains("a \\| b"))
        #expect(DevlogIndex(rows: [DevlogIndex.Row(path: "README.md", blob: "b", metadata: DevlogMetadata())]).rows.isEmpty)
    }

    @Test("an index text gives back exactly the rows it was written from; lines it did not write give none")
    func rowsReadBack() {
        let odd = DevlogMetadata(date: "—", agent: "a | b \\| c\\", mission: "[m](x) <!-- y -->", cycle: "", status: "✅ `done`")
        let rows = [
            DevlogIndex.Row(path: "team/agent (5) [x].md", blob: "0123abcd", metadata: odd),
            DevlogIndex.Row(path: "plain.md", blob: "4567ef", metadata: DevlogMetadata(date: "2025-09-11", agent: "Agent-1")),
        ]
        let written = DevlogIndex(rows: rows)
        let read = DevlogIndex.rows(in: written.markdown)
        #expect(read.count == 2)
        #expect(DevlogIndex(rows: Array(read.values)) == written)
        #expect(read["team/agent (5) [x].md"]?.metadata.date == "")
        let edited = written.markdown.replacingOccurrences(of: " <!-- 4567ef -->", with: "")
            + "| 2025 | A | M | 1 | done | [old.md](old.md) |\n"
        #expect(Array(DevlogIndex.rows(in: edited).keys) == ["team/agent (5) [x].md"])
    }

    @Test("the commit subject names agent, cycle and mission")
    func commitSubject() {
        let full = ArchiveEntry(markdown: "", fileName: "x.md", metadata: DevlogMetadata(agent: "Agent-6", mission: "perf", cycle: "2"))
        #expect(full.commitSubject == "docs(devlog): Agent-6 cycle 2 — perf")
        let bare = ArchiveEntry(markdown: "", fileName: "x.md", metadata: DevlogMetadata())
        #expect(bare.commitSubject == "docs(devlog): x.md")
    }

    @Test("every corpus devlog yields agent, mission and date, and the index lists them all", .enabled(if: Self.corpus != nil, "../shared/corpus is absent"))
    func corpusIndex() throws {
        let files = try #require(Self.corpus)
        for (name, text) in files {
            let meta = DevlogMetadata(markdown: text)
            #expect(!meta.agent.isEmpty && !meta.mission.isEmpty && !meta.date.isEmpty, "\(name)")
        }
        let index = index(texts: files)
        #expect(index.rows.count == files.count)
        #expect(index.rows.map(\.metadata.date) == index.rows.map(\.metadata.date).sorted())
        #expect(index.rows.contains { $0.metadata.cycle == "2" && $0.metadata.agent == "Agent-6" })
    }

    static let shared = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared").standardizedFileURL

    static let corpus: [String: String]? = {
        let directory = shared.appendingPathComponent("corpus")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return nil }
        var files: [String: String] = [:]
        for name in names where name.hasSuffix(".md") {
            files[name] = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        }
        return files.isEmpty ? nil : files
    }()

    static let example: String? = {
        try? String(contentsOf: shared.appendingPathComponent("spec/devlog-v3.1-example.md"), encoding: .utf8)
    }()
}
