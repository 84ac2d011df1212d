import DevlogMarkdown
import DevlogModel
@testable import DevlogStore
import DevlogTestSupport
import Foundation
import GRDB
import Testing

@Suite("CycleFacts: what a save writes")
struct CycleFactsTests {
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
                                        (block.quantity?.unit ?? "").databaseValue, false.databaseValue])
            default: break
            }
        }
        #expect(expectedTasks.count == 4)
        #expect(expectedMetrics.count == 5)

        let queue = try DatabaseQueue(path: path)
        let (tasks, metrics) = try queue.read { db in
            (try Row.fetchAll(db, sql: "SELECT cycle_id, seq, number, title, state, status_text FROM cycle_tasks ORDER BY seq"),
             try Row.fetchAll(db, sql: """
                SELECT cycle_id, seq, "group", label, value, quantity, unit, indexed FROM cycle_metrics ORDER BY seq
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

    @Test("the content hash is MurmurHash3 x64 128 over the packed blocks: the reference's values")
    func contentHash() {
        // From the reference implementation (Python's mmh3.hash128, seed 0, as h1 then h2) of
        // the bytes (i * 37 + 11) % 256: every tail length, whole blocks, and several of them.
        let expected = [
            0: "00000000000000000000000000000000", 1: "932fc7cce617f1e77a434b816c4508dc",
            7: "8340cc686662983ba08f38dfaa7ff6f9", 8: "f0b144007f89ced7d02221832d7af9a1",
            9: "dbb3088eaec8a0b1cbde24182efe09a9", 15: "2906f047b67f83ff49ca338fe7701fac",
            16: "da9c66580c5ef0fb885aae87bb6c5ff7", 17: "78b8ee9a775e07d1e36790301698fce0",
            31: "b1ca061ed4c5532fcb6926489e7b3763", 33: "08b88a88c3099ba915c06fbdb5df8af9",
            100: "26e63bc8eee0b77ac05a220bb5b95ee4",
        ]
        for (count, hash) in expected {
            let bytes = (0..<count).map { UInt8(($0 * 37 + 11) % 256) }
            #expect(ContentHash.of(packed: bytes) == "mmh3x128:" + hash, "\(count) bytes")
        }
    }

    /// FNV-1a 128 as its definition states it, one 128-bit multiply per byte.
    static func fnv(_ bytes: [UInt8]) -> String {
        var state: UInt128 = 0x6c62272e07bb014262b821756295c58d
        for byte in bytes {
            state ^= UInt128(byte)
            state = state &* 0x0000000001000000000000000000013B
        }
        let hex = String(state, radix: 16)
        return "fnv1a128:" + String(repeating: "0", count: 32 - hex.count) + hex
    }

    @Test("a devlog without agent, mission and cycle is named by FNV-1a 128 of its packed blocks, as before")
    func contentName() {
        #expect(ContentName.of(packed: []) == "fnv1a128:6c62272e07bb014262b821756295c58d")
        let packed = PackedBlocks.pack(Self.devlogWithEdgeCases().blocks)
        #expect(ContentName.of(packed: packed) == Self.fnv(packed))
        let everyByte = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131) }
        #expect(ContentName.of(packed: everyByte) == Self.fnv(everyByte))
    }

    @Test("packed blocks unpack to the blocks packed")
    func packRoundTrip() throws {
        let blocks = Self.devlogWithEdgeCases().blocks
        let packed = PackedBlocks.pack(blocks)
        #expect(try packed.withUnsafeBytes { try PackedBlocks.unpack($0) } == blocks)
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
            let facts = CycleFacts(devlog)
            #expect(facts.agent == devlog.agent)
            #expect(facts.mission == devlog.mission)
            #expect(facts.cycle == devlog.cycle)
        }
        #expect(devlogs.contains { $0.agent != nil && $0.mission != nil && !$0.cycle.label.isEmpty })
    }
}
