import DevlogMarkdown
import DevlogModel
@testable import DevlogStore
import DevlogTestSupport
import Foundation
import GRDB
import Crypto
import Testing

@Suite("CycleRecords: what a save writes")
struct CycleRecordsTests {
    /// The fixture plus a task without number or status and metrics without a quantity, with an
    /// empty value, and with non-ASCII text: the cases where a value is NULL, empty or multibyte.
    static func devlogWithEdgeCases() -> Devlog {
        var devlog = StoreFixtures.devlog()
        devlog.blocks += [
            Block(kind: .subsection, value: "Edge Metrics"),
            Block(kind: .metric, marker: "-", label: "Mood", value: "calme ✅"),
            Block(kind: .metric, marker: "-", label: "Empty", value: ""),
            Block(kind: .metric, marker: "-", label: "Latency", value: "12.5 ms", quantity: Quantity(number: 12.5, unit: "ms")),
            Block(kind: .task, marker: "-", value: "No number, no status"),
            Block(kind: .task, marker: "-", value: "Numbered", status: Status(.blocked, text: "BLOCKÉ"), number: -3),
        ]
        return devlog
    }

    @Test("task and metric rows hold each block's fields: NULL only where the block has none, '' kept as ''")
    func recordRows() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("rows.sqlite")
        let devlog = Self.devlogWithEdgeCases()
        let id = try DevlogStore(path: path).save(devlog, source: "rows").id

        var expectedTasks: [[DatabaseValue]] = []
        var expectedMetrics: [[DatabaseValue]] = []
        var group = ""
        for (seq, block) in devlog.blocks.enumerated() {
            switch block.kind {
            case .section: group = ""
            case .subsection: group = block.value
            case .task:
                expectedTasks.append([id.databaseValue, seq.databaseValue, block.number.databaseValue, block.value.databaseValue,
                                      block.status?.state.rawValue.databaseValue ?? .null, block.status?.text.databaseValue ?? .null])
            case .metric:
                expectedMetrics.append([id.databaseValue, seq.databaseValue, group.databaseValue, block.label.databaseValue,
                                        block.value.databaseValue, block.quantity?.number.databaseValue ?? .null,
                                        (block.quantity?.unit ?? "").databaseValue])
            default: break
            }
        }
        #expect(expectedTasks.count == 4)
        #expect(expectedMetrics.count == 5)

        let queue = try DatabaseQueue(path: path)
        let (tasks, metrics) = try queue.read { db in
            (try Row.fetchAll(db, sql: "SELECT cycle_id, seq, number, title, state, status_text FROM cycle_tasks ORDER BY seq"),
             try Row.fetchAll(db, sql: """
                SELECT cycle_id, seq, "group", label, value, quantity, unit FROM cycle_metrics ORDER BY seq
                """))
        }
        #expect(tasks.map { Array($0.databaseValues) } == expectedTasks)
        #expect(metrics.map { Array($0.databaseValues) } == expectedMetrics)
        // Storage classes too: a text column given '' holds TEXT, not NULL or a blob.
        let types = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT typeof(unit) || typeof(value) || typeof(\"group\") FROM cycle_metrics")
        }
        #expect(Set(types) == ["texttexttext"])
    }

    @Test("agents and missions take the latest save's values")
    func agentAndMissionUpserts() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("upserts.sqlite")
        let store = try DevlogStore(path: path)
        func rows() throws -> [[DatabaseValue]] {
            try DatabaseQueue(path: path).read { db in
                try Row.fetchAll(db, sql: """
                    SELECT a.id, a.specialty, a.coordinates, m.id, m.agent_id, m.objective, m.state, m.status_text, m.progress, m.progress_text
                    FROM agents a JOIN missions m ON m.agent_id = a.id
                    """).map { Array($0.databaseValues) }
            }
        }
        try store.save(StoreFixtures.devlog(cycle: 1, state: .inProgress), source: "one")
        try store.save(StoreFixtures.devlog(cycle: 2, state: .inProgress), source: "two")
        let first: [any DatabaseValueConvertible] = ["Agent-7", "Persistence", "[10, 20]", "store_mission", "Agent-7",
                                                     "Keep every record", "in_progress", "In Progress", 40.0, "40% Complete"]
        #expect(try rows() == [first.map(\.databaseValue)])

        var changed = StoreFixtures.devlog(cycle: 3, state: .completed)
        changed.setField("Specialty", "Storage", in: SectionReference(.agentInformation))
        try store.save(changed, source: "three")
        let latest: [any DatabaseValueConvertible] = ["Agent-7", "Storage", "[10, 20]", "store_mission", "Agent-7",
                                                      "Keep every record", "completed", "Completed", 40.0, "40% Complete"]
        #expect(try rows() == [latest.map(\.databaseValue)])
    }

    @Test("blocks are stored as JSON that SQLite's json functions read, hashed with SHA-256, and read back whole")
    func blocksAsJSON() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("json.sqlite")
        let devlog = Self.devlogWithEdgeCases()
        let store = try DevlogStore(path: path)
        let id = try store.save(devlog, source: "json").id
        #expect(try store.readUncached(id: id)?.devlog == devlog)

        let (kinds, labels, json, hash) = try DatabaseQueue(path: path).read { db in
            (try String.fetchAll(db, sql: "SELECT json_extract(value, '$.kind') FROM cycles, json_each(cycles.blocks)"),
             try String.fetchAll(db, sql: """
                SELECT json_extract(value, '$.label') FROM cycles, json_each(cycles.blocks)
                WHERE json_extract(value, '$.kind') = 'metric'
                """),
             try String.fetchOne(db, sql: "SELECT blocks FROM cycles")!,
             try String.fetchOne(db, sql: "SELECT content_hash FROM cycles")!)
        }
        #expect(kinds == devlog.blocks.map(\.kind.rawValue))
        #expect(labels.contains("Mood") && labels.contains("Latency"))
        // SHA-256 of the stored text, as `sha256sum` would print it.
        let digest = SHA256.hash(data: Data(json.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(hash == "sha256:" + digest)
    }

    @Test("the blocks' JSON is what JSONEncoder writes with sorted keys, and JSONDecoder reads it back, escapes and all")
    func blocksJSONShape() throws {
        var devlog = Self.devlogWithEdgeCases()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(try BlocksJSON.encode(devlog.blocks) == Array(try encoder.encode(devlog.blocks)))
        devlog.blocks += [
            Block(kind: .code, marker: "```", label: "swift", value: "let a = \"q\" // \\ path\n\tnext\r\u{1B}[31m\u{0}"),
            Block(kind: .text, value: "emoji 🎯, accents é, and a raw line", raw: "raw\u{7F}"),
            Block(kind: .metric, label: "Tiny", value: "0.00001", quantity: Quantity(number: 0.00001, unit: "")),
        ]
        let json = try BlocksJSON.encode(devlog.blocks)
        #expect(try JSONDecoder().decode([Block].self, from: Data(json)) == devlog.blocks)
        #expect(BlocksJSON.decode(String(decoding: json, as: UTF8.self)) == devlog.blocks)
        // What other writers may produce: escaped non-ASCII, surrogate pairs, spaces, extra keys.
        let foreign = #"[ {"value":"caf\u00e9 \ud83c\udfaf \/ok","kind":"text","indent":"","label":"","marker":"","extra":[1,{"a":null}],"number":3} ]"#
        #expect(BlocksJSON.decode(foreign) == [Block(kind: .text, value: "café 🎯 /ok", number: 3)])
        for broken in ["", "[", "[{}]", #"[{"kind":"nope"}]"#, #"[{"kind":"text","value":"x}]"#, #"[{"kind":"text"}] x"#, #"{"kind":"text"}"#] {
            #expect(BlocksJSON.decode(broken) == nil, "\(broken)")
        }
        var infinite = devlog
        infinite.blocks.append(Block(kind: .metric, label: "Huge", value: "9e999", quantity: Quantity(number: .infinity, unit: "")))
        #expect(throws: BlocksJSON.Unencodable.self) { try BlocksJSON.encode(infinite.blocks) }
    }

    @Test("equal blocks give equal text and hash; any changed field changes the hash")
    func hashFollowsContent() throws {
        let devlog = Self.devlogWithEdgeCases()
        let first = try CycleRecords(devlog), second = try CycleRecords(devlog)
        #expect(first.blocksJSON == second.blocksJSON)
        #expect(first.contentHash == second.contentHash)
        var edited = devlog
        edited.blocks[edited.blocks.count - 1].status = Status(.blocked, text: "BLOCKED")
        #expect(try CycleRecords(edited).contentHash != first.contentHash)
        // Without agent, mission and cycle, the content hash is the identity.
        let anonymous = try CycleRecords(Devlog(blocks: [Block(kind: .text, value: "just a line")]))
        #expect(!anonymous.hasNaturalIdentity)
        #expect(anonymous.identity == anonymous.contentHash)
    }

    @Test("agent, mission and cycle read in one pass equal Devlog's own accessors, for every corpus devlog",
          SharedFixtures.required)
    func recordsInOnePass() throws {
        var devlogs = [Self.devlogWithEdgeCases(), Devlog(blocks: [])]
        for file in SharedFixtures.devlogFiles {
            devlogs.append(try MarkdownParser().parse(Data(contentsOf: file), file: file.lastPathComponent))
        }
        #expect(devlogs.count > 12)
        for devlog in devlogs {
            let facts = try CycleRecords(devlog)
            #expect(facts.agent == devlog.agent)
            #expect(facts.mission == devlog.mission)
            #expect(facts.cycle == devlog.cycle)
        }
        #expect(devlogs.contains { $0.agent != nil && $0.mission != nil && !$0.cycle.label.isEmpty })
    }
}
