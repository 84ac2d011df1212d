import DevlogImport
import DevlogModel
import DevlogTestSupport
import Foundation
import Testing

@Suite struct CycleFileReaderTests {
    let reader = CycleFileReader()

    func read(_ text: String, file: String = "cycle.yaml") throws(ImportError) -> Devlog {
        try reader.read(Array(text.utf8), file: file)
    }

    func failure(_ text: String, file: String = "cycle.yaml") -> String? {
        do {
            _ = try read(text, file: file)
            return nil
        } catch {
            return error.description
        }
    }

    let minimal = """
    agent: {id: Agent-2}
    mission: {id: m, objective: Do it, status: in progress, progress: 40}
    cycle: {number: 7, date: 2026-11-28}
    """

    @Test func theBundledExampleReadsIntoRecords() throws {
        let url = SharedFixtures.repositoryRoot.appendingPathComponent("examples/agent-7-cycle-3.yaml")
        let devlog = try reader.read(Data(contentsOf: url), file: "agent-7-cycle-3.yaml")
        #expect(devlog.agent?.id == "Agent-7")
        #expect(devlog.mission?.status?.state == .inProgress)
        #expect(devlog.tasks.filter { $0.role == .secondary }.count == 4)
        #expect(devlog.metrics.first { $0.label == "Test Coverage" }?.quantity == Quantity(number: 91, unit: "%"))
        #expect(devlog.issues.map(\.status?.state) == [.completed, .inProgress])
        #expect(devlog.blocks.contains { $0.kind == .section && $0.value == "SOAK TEST NOTES" })
    }

    @Test func theBundledJSONExampleReads() throws {
        let url = SharedFixtures.repositoryRoot.appendingPathComponent("examples/agent-5-cycle-1.json")
        let devlog = try reader.read(Data(contentsOf: url), file: "agent-5-cycle-1.json")
        #expect(devlog.agent?.id == "Agent-5")
        #expect(devlog.tasks.filter { $0.role == .secondary }.map(\.status?.state) == [.completed, .inProgress])
    }

    @Test func jsonReadsLikeYAML() throws {
        let json = #"{"agent": {"id": "Agent-2"}, "mission": {"id": "m", "objective": "Do it", "status": "in progress", "progress": 40}, "cycle": {"number": 7, "date": "2026-11-28"}}"#
        #expect(try read(json, file: "c.json") == (try read(minimal)))
    }

    @Test func malformedInputNamesTheLine() {
        #expect(failure("agent: {id: A\nmission: [", file: "bad.yaml")?.hasPrefix("bad.yaml:2: syntax error") == true)
        #expect(failure("{\"agent\": {\"id\": \"A\"},\n\"mission\": }", file: "bad.json")?.hasPrefix("bad.json:2: syntax error") == true)
    }

    @Test func anUnknownStatusNamesTheFieldAndTheChoices() {
        let text = minimal + "\ntasks:\n  - title: a\n    status: done\n  - title: b\n    status: donee\n"
        #expect(failure(text) == "cycle.yaml:8: tasks[1].status: unknown status \"donee\"; use one of pending, in progress, completed, blocked, failed, cancelled")
    }

    @Test func aWrongTypeNamesTheField() {
        #expect(failure(minimal + "\ntasks: {title: a}\n") == "cycle.yaml:4: tasks: expected a list, found a mapping; write it as a list of items")
        #expect(failure(minimal.replacingOccurrences(of: "progress: 40", with: "progress: lots")) == "cycle.yaml:2: mission.progress: expected a number, found \"lots\"")
    }

    @Test func anUnknownFieldIsRefusedNotDropped() {
        #expect(failure(minimal + "\ntaks: []\n")?.contains("taks: unknown field; expected one of") == true)
    }

    @Test func aHugeFieldIsRefused() {
        let huge = String(repeating: "x", count: 10 << 20)
        #expect(failure(minimal + "\ntasks:\n  - title: \(huge)\n")?.contains("tasks[0].title: field is 10240 KiB, over the 1024 KiB limit") == true)
    }

    @Test func invalidUTF8IsRefusedWithItsLine() {
        var bytes = Array((minimal + "\n").utf8)
        bytes += [0x23, 0x20, 0xC3, 0x28, 0x0A]
        #expect(throws: ImportError.self) { try reader.read(bytes, file: "x.yaml") }
        do {
            _ = try reader.read(bytes, file: "x.yaml")
        } catch {
            #expect(error.description == "x.yaml:4: not valid UTF-8; re-save the file as UTF-8")
        }
    }

    @Test func missingRequiredPartsAreNamed() {
        #expect(failure("agent: {id: A}\ncycle: {number: 1}\n") == "cycle.yaml:1: missing field \"mission\"; see docs/cycle-file.md")
    }
}
