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

    // MARK: - Aliases

    @Test func aliasesExpandingPastTheFileLimitAreRefusedInOneLine() {
        // 200 KB once, named 100 times: a small file that stands for 20 MB.
        var text = minimal + "\ntasks:\n  - title: &big \(String(repeating: "x", count: 200_000))\n"
        text += String(repeating: "  - title: *big\n", count: 100)
        #expect(text.utf8.count < 300_000)
        #expect(failure(text, file: "alias.yaml")
            == "alias.yaml: its aliases (*name) expand it to over 16 MiB, the limit for a cycle file; refer to large values fewer times")
    }

    @Test func nestedAliasesAreMeasuredWithoutExpandingThem() {
        // Ten levels of ten aliases each stand for 10^10 values; measuring must not walk them.
        var text = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...10 { text += "l\(level): &l\(level) [\(Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", "))]\n" }
        let started = ContinuousClock.now
        #expect(failure(minimal + "\n" + text)?.contains("its aliases (*name) expand it to over 16 MiB") == true)
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func aLongAliasChainIsMeasuredAndFreedWithoutOverflowingTheStack() {
        // Each link holds the one before: 100,000 nested levels, far deeper than a thread's stack.
        var text = minimal + "\nnext_tasks:\n  - &a0 [x]\n"
        for link in 1..<100_000 { text += "  - &a\(link) [*a\(link - 1)]\n" }
        #expect(failure(text)?.contains("its aliases (*name) expand it to over 16 MiB") == true)
    }

    @Test func aliasesWithinTheLimitStillRead() throws {
        let devlog = try read(minimal + "\ntasks:\n  - {title: &same Review the cache, status: done}\n  - {title: *same, status: pending}\n")
        #expect(devlog.tasks.filter { $0.role == .secondary }.map(\.title) == ["Review the cache", "Review the cache"])
    }

    // MARK: - One record, one line

    @Test func aControlCharacterInAnIDIsRefusedNamingTheField() {
        #expect(failure(#"agent: {id: "Evil\n## FORGED SECTION"}"# + "\nmission: {id: m}\ncycle: {number: 1}\n")
            == "cycle.yaml:1: agent.id: control character U+000A is not allowed in an id; use letters, digits and punctuation")
        #expect(failure("agent: {id: A}\nmission: {id: \"m\\0x\"}\ncycle: {number: 1}\n")?.hasPrefix("cycle.yaml:2: mission.id: control character U+0000") == true)
        #expect(failure("agent: {id: \"A\\tB\"}\nmission: {id: m}\ncycle: {number: 1}\n")?.contains("U+0009 is not allowed in an id") == true)
    }

    @Test func aLineBreakInsideAOneLineValueIsRefused() {
        #expect(failure(minimal + "\ntasks:\n  - title: \"a\\n## FORGED\"\n")
            == "cycle.yaml:5: tasks[0].title: line break in a one-line field; write the value on one line (a custom section's lines take several)")
        #expect(failure(minimal + "\nmetrics:\n  Quality:\n    \"Cover\\rage\": 90%\n")?.hasPrefix("cycle.yaml:6: metrics.Quality: line break") == true)
        #expect(failure(minimal + "\nsections:\n  - title: Notes\n    lines: [\"one\\ntwo\"]\n")?.contains("sections[0].lines[0]: line break") == true)
        #expect(failure(minimal + "\ntasks:\n  - title: \"red \\e[31m\"\n")?.hasSuffix("tasks[0].title: control character U+001B is not allowed; remove it") == true)
    }

    @Test func aBlockScalarsLastLineBreakAndTabsAreKept() throws {
        let devlog = try read(minimal + "\ntasks:\n  - title: |\n      Review the\tcache\n")
        #expect(devlog.tasks.last?.title == "Review the\tcache")
    }

    @Test func aCodeBlockKeepsItsLinesButNotOtherControlCharactersOrABacktickLanguage() throws {
        let devlog = try read(minimal + "\ncode_changes:\n  code: \"a\\n\\tb\\n\"\n")
        #expect(devlog.blocks.first { $0.kind == .code }?.value == "a\n\tb")
        #expect(failure(minimal + "\ncode_changes:\n  code: \"a\\u0007\"\n")?.contains("code_changes.code: control character U+0007") == true)
        #expect(failure(minimal + "\ncode_changes:\n  language: \"swift`\"\n  code: x\n")?.contains("code_changes.language: a language cannot hold a backtick") == true)
    }

    @Test func aNumberFieldTakesOnlyFiniteNumbers() {
        for progress in ["1e400", "nan", "inf", "-infinity"] {
            #expect(failure(minimal.replacingOccurrences(of: "progress: 40", with: "progress: \(progress)"))
                == "cycle.yaml:2: mission.progress: expected a number, found \"\(progress)\"")
        }
    }
}
