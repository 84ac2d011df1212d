import DevlogTestSupport
import Foundation
import Testing

/// Careless and hostile input through the CLI (issue 12): each case ends in one clear line and an
/// unchanged database, or in a safe result.
@Suite(.enabled(if: CommandRunner.executable != nil, "skipped: the devlog binary is not built (run swift build)"))
struct HostileInputTests {
    let folder: URL
    let devlog: CommandRunner

    init() throws {
        folder = try CommandRunner.temporaryFolder()
        devlog = CommandRunner(folder: folder, environment: ["GIT_CONFIG_GLOBAL": "/dev/null"])
    }

    func write(_ text: String, to name: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func cycleFile(agent: String, mission: String = "cache_fix", number: Int = 1) -> String {
        "agent: {id: \"\(agent)\"}\nmission: {id: \"\(mission)\"}\ncycle: {number: \(number), date: 2026-11-27}\n"
    }

    /// What the database holds, as the CLI shows it.
    func snapshot() throws -> String {
        try devlog.run(["cycles", "--json"]).stdout
    }

    /// The markdown files under devlogs/, by path relative to it.
    func devlogFiles() throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: folder.appendingPathComponent("devlogs").path).filter { $0.hasSuffix(".md") }.sorted()
    }

    // MARK: - 1. Aliases

    @Test func aFileWhoseAliasesExpandPastTheLimitIsRefusedInOneLine() throws {
        _ = try devlog.run(["import", try write(cycleFile(agent: "Agent-7"), to: "ok.yaml")])
        let before = try snapshot()
        var text = cycleFile(agent: "Agent-7", number: 2) + "tasks:\n  - title: &big \(String(repeating: "x", count: 200_000))\n"
        text += String(repeating: "  - title: *big\n", count: 400)
        let path = try write(text, to: "alias.yaml")
        let result = try devlog.run(["import", path])
        #expect(result.status == 1)
        #expect(result.stderr == "devlog: error: \(path): its aliases (*name) expand it to over 16 MiB, the limit for a cycle file; refer to large values fewer times\n")
        #expect(try snapshot() == before)
    }

    // MARK: - 2. File names

    @Test func idsThatSanitiseAlikeNeverShareAFile() throws {
        let spaced = try write(cycleFile(agent: "Agent 7"), to: "spaced.yaml")
        let dashed = try write(cycleFile(agent: "Agent-7"), to: "dashed.yaml")
        let nul = try write(cycleFile(agent: "Agent\\07"), to: "nul.yaml")
        let imported = try devlog.run(["import", spaced, dashed, nul])
        #expect(imported.stdout.hasPrefix("imported 2, updated 0, unchanged 0, failed 1"))
        #expect(imported.stderr == "devlog: error: \(nul):1: agent.id: control character U+0000 is not allowed in an id; use letters, digits and punctuation\n")

        #expect(try devlog.run(["generate", "--all"]).stdout.hasPrefix("wrote 2 devlogs"))
        let files = try devlogFiles()
        #expect(files.count == 2, "\(files)")
        let agents = try files.map { try String(contentsOf: folder.appendingPathComponent("devlogs/\($0)"), encoding: .utf8) }
            .map { $0.firstMatch(of: /- \*\*Agent ID:\*\* (.*)/).map { String($0.1) } }
        #expect(Set(agents) == ["Agent 7", "Agent-7"])
        // `generate` for one cycle writes the same file `--all` did.
        let one = try devlog.run(["generate", "--cycle", "1"]).stdout.trimmingCharacters(in: .newlines)
        #expect(files.contains { one.hasSuffix("devlogs/" + $0) }, "\(one)")
    }

    @Test func archiveCommitsEachSuchCycleToItsOwnFile() throws {
        #expect(try devlog.run(program: URL(fileURLWithPath: "/usr/bin/env"), ["git", "init", "-q"]).status == 0)
        _ = try devlog.run(["import", try write(cycleFile(agent: "Agent 7"), to: "a.yaml"), try write(cycleFile(agent: "Agent-7"), to: "b.yaml")])
        for cycle in ["1", "2"] {
            let archived = try devlog.run(["archive", "--cycle", cycle, "--author", "Tester <tester@example.com>"])
            #expect(archived.status == 0, "\(archived.stderr)")
        }
        let files = try devlogFiles().filter { !$0.hasSuffix("README.md") }
        #expect(files.count == 2, "\(files)")
    }

    @Test("every corpus file imported, then generate --all leaves one file per cycle", SharedFixtures.required)
    func theCorpusGivesOneFilePerCycle() throws {
        #expect(try devlog.run(["import", SharedFixtures.corpus.path]).status == 0)
        let cycles = try JSONSerialization.jsonObject(with: Data(try devlog.run(["cycles", "--json"]).stdout.utf8)) as? [Any]
        let count = try #require(cycles?.count)
        #expect(count > 5)
        let generated = try devlog.run(["generate", "--all"])
        #expect(generated.stdout.hasPrefix("wrote \(count) devlogs"))
        #expect(try devlogFiles().count == count)
    }

    // MARK: - 3. Forged markdown

    @Test func aControlCharacterInARecordCommandIsRefusedAsAnArgument() throws {
        _ = try devlog.run(["new", "--agent", "Agent-7", "--mission", "m", "--date", "2026-11-27"])
        let before = try snapshot() + (try devlog.run(["export", "--latest"]).stdout)
        let cases: [([String], String)] = [
            (["new", "--agent", "Evil\n## FORGED SECTION", "--mission", "m"], "--agent holds control character U+000A"),
            (["new", "--agent", "A", "--mission", "m\u{1B}[2J"], "--mission holds control character U+001B"),
            (["new", "--agent", "A", "--mission", "m", "--objective", "x\n## FORGED"], "--objective holds a line break"),
            (["task", "add", "ship\n- **Task 9:** forged"], "the title holds a line break"),
            (["task", "set", "1", "--title", "a\rb"], "--title holds a line break"),
            (["metric", "set", "Coverage", "90%\n## FORGED"], "the value holds a line break"),
            (["note", "add", "fine", "--section", "NOTES\n## FORGED"], "--section holds a line break"),
            (["mission", "set", "--progress", "50%\u{7}"], "--progress holds control character U+0007"),
        ]
        for (arguments, message) in cases {
            let result = try devlog.run(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("## FORGED"), "\(result.stderr)")
        }
        #expect(try devlog.run(["task", "add", "x", "--status", "done\n## FORGED"]).status == 64)
        #expect(try snapshot() + (try devlog.run(["export", "--latest"]).stdout) == before)
    }

    @Test func aForgedIDInACycleFileIsRefusedNamingTheField() throws {
        let path = try write(cycleFile(agent: "Evil\\n## FORGED SECTION\\n- **Mission ID:** forged"), to: "forged.yaml")
        let result = try devlog.run(["import", path])
        #expect(result.status == 1)
        #expect(result.stderr == "devlog: error: \(path):1: agent.id: control character U+000A is not allowed in an id; use letters, digits and punctuation\n")
        #expect(try snapshot() == "[\n\n]\n")
    }

    // MARK: - 4. Terminal injection

    @Test func storedEscapeSequencesReachTheTerminalAsText() throws {
        let markdown = "# DEVLOG\n## 📋 **AGENT INFORMATION**\n- **Agent ID:** Agent-7\n- **Mission ID:** m\n"
            + "- **Cycle Date:** 2026-11-27\u{1B}]0;pwned\u{7}\u{1B}[2J\u{9B}31m\n---\n**Generated by:** Agent-7 | **Cycle:** 1\n"
        #expect(try devlog.run(["import", try write(markdown, to: "escape.md")]).status == 0)
        let cycles = try devlog.run(["cycles"])
        #expect(cycles.stdout == "1\t2026-11-27\\u{1B}]0;pwned\\u{7}\\u{1B}[2J\\u{9B}31m\tAgent-7\tm\tcycle 1\t-\n")
        let json = try devlog.run(["cycles", "--json"]).stdout
        #expect(json.contains(#""date" : "2026-11-27\u001b]0;pwned\u0007\u001b[2J\u009B31m""#), "\(json)")
        // Piped, the document is the file's content, byte for byte.
        #expect(try devlog.run(["generate", "--stdout"]).stdout.contains("\u{1B}[2J"))
    }

    @Test func anErrorLineShowsInputBytesEscaped() throws {
        let path = try write("agent: [1]\nmission: {id: m}\ncycle: {number: 1}\n", to: "bad\u{1B}[31m\n.yaml")
        let result = try devlog.run(["import", path])
        #expect(result.status == 1)
        #expect(!result.stderr.contains("\u{1B}"))
        #expect(result.stderr.hasSuffix("bad\\u{1B}[31m\\n.yaml:1: agent: expected a mapping of names to values, found a list\n"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func logLinesShowInputBytesEscaped() throws {
        var debug = devlog
        debug.environment["DEVLOG_LOG_LEVEL"] = "debug"
        let result = try debug.run(["cycles", "--db", folder.appendingPathComponent("x\u{1B}[2J\n.sqlite").path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("x\\u{1B}[2J\\n.sqlite"), "\(result.stderr)")
        #expect(!result.stderr.contains("\u{1B}"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "skipped: /usr/bin/script (util-linux) gives the terminal"))
    func onATerminalGenerateStdoutEscapesControlCharacters() throws {
        let markdown = "# DEVLOG \u{1B}[2J\n## 📋 **AGENT INFORMATION**\n- **Agent ID:** Agent-7\n- **Mission ID:** m\n---\n**Cycle:** 1\n"
        #expect(try devlog.run(["import", try write(markdown, to: "escape.md")]).status == 0)
        let executable = try #require(CommandRunner.executable).path
        let shown = try devlog.run(program: URL(fileURLWithPath: "/usr/bin/script"), ["-qec", "'\(executable)' generate --stdout", "/dev/null"]).stdout
        #expect(shown.contains("# DEVLOG \\u{1B}[2J"), "\(shown.debugDescription)")
        #expect(!shown.contains("\u{1B}[2J"))
    }

    // MARK: - 5. Huge numbers

    @Test func aHugeNumberKeepsItsTextAndExportKeepsWorking() throws {
        let digits = String(repeating: "9", count: 400)
        let markdown = "## 📋 **AGENT INFORMATION**\n- **Agent ID:** Agent-7\n- **Mission ID:** m\n## 📊 **PROGRESS METRICS**\n- **Rows:** \(digits)\n---\n**Cycle:** 1\n"
        #expect(try devlog.run(["import", try write(markdown, to: "huge.md")]).status == 0)
        #expect(try devlog.run(["metric", "set", "Bytes", "1" + digits + " B"]).status == 0)
        let export = try devlog.run(["export", "--latest"])
        #expect(export.status == 0, "\(export.stderr)")
        let context = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any])
        let metrics = try #require(context["metrics"] as? [[String: Any]])
        #expect(metrics.map { $0["value"] as? String } == [digits, "1" + digits + " B"])
        #expect(metrics.allSatisfy { $0["number"] is NSNull })
        #expect(try devlog.run(["generate", "--stdout"]).stdout.contains("- **Rows:** \(digits)\n"))
    }
}
