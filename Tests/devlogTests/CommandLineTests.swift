import DevlogArchive
import DevlogTestSupport
import Foundation
import Logging
import Testing

/// The CLI end to end, on the built binary, in a temporary folder.
@Suite(.enabled(if: CommandRunner.executable != nil, "skipped: the devlog binary is not built (run swift build)"))
struct CommandLineTests {
    let folder: URL
    let devlog: CommandRunner
    let example = SharedFixtures.repositoryRoot.appendingPathComponent("examples/agent-7-cycle-3.yaml").path

    init() throws {
        folder = try CommandRunner.temporaryFolder()
        devlog = CommandRunner(folder: folder)
    }

    /// What the database holds, as the CLI shows it: compared before and after a failed command.
    func snapshot() throws -> String {
        let cycles = try devlog.run(["cycles", "--json"]).stdout
        let latest = try devlog.run(["export", "--latest"]).stdout
        return cycles + latest
    }

    func write(_ text: String, to name: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func importGenerateAndTheRecordCommands() throws {
        #expect(try devlog.run(["init"]).status == 0)
        #expect(try devlog.run(["init"]).status == 0, "init is idempotent")
        let imported = try devlog.run(["import", example])
        #expect(imported.status == 0)
        #expect(imported.stdout.hasPrefix("imported 1, updated 0, unchanged 0, failed 0"))
        #expect(try devlog.run(["import", example]).stdout.hasPrefix("imported 0, updated 0, unchanged 1, failed 0"))

        #expect(try devlog.run(["task", "add", "Write the runbook", "--status", "in progress"]).stdout == "cycle 1: added Task 5\n")
        #expect(try devlog.run(["task", "set", "3", "--status", "✅ Completed"]).status == 0)
        #expect(try devlog.run(["metric", "set", "Test Coverage", "94%", "--group", "Quality Metrics"]).status == 0)
        #expect(try devlog.run(["note", "add", "Soak passed at 8 writers", "--section", "SOAK TEST NOTES"]).status == 0)
        let generated = try devlog.run(["generate"])
        #expect(generated.status == 0)
        let path = generated.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(path.hasSuffix("devlogs/2026-11-27/2026-11-27_Agent-7_cache_freshness_fix_cycle-3.md"))
        let markdown = try String(contentsOfFile: path, encoding: .utf8)
        #expect(markdown.contains("- **Task 3:** Soak test with 8 writer processes - ✅ Completed\n"))
        #expect(markdown.contains("- **Task 5:** Write the runbook - in progress\n"))
        #expect(markdown.contains("- **Test Coverage:** 94%\n"))
        #expect(markdown.contains("- **Lost writes:** 0 so far\n- Soak passed at 8 writers\n"))
    }

    @Test func aBadImportSaysWhereAndChangesNothing() throws {
        _ = try devlog.run(["import", example])
        let before = try snapshot()
        let bad = try write("agent: {id: Agent-7}\nmission: {id: cache_freshness_fix}\ncycle: {number: 3}\ntasks:\n  - title: x\n    status: finished-ish\n", to: "bad.yaml")
        let result = try devlog.run(["import", bad])
        #expect(result.status == 1)
        #expect(result.stderr == "devlog: error: \(bad):6: tasks[0].status: unknown status \"finished-ish\"; use one of pending, in progress, completed, blocked, failed, cancelled\n")
        #expect(try snapshot() == before)
    }

    @Test(arguments: [
        ("broken.json", "{\"agent\": {\"id\": \"A\"},\n\"mission\": }", ":2: syntax error"),
        ("wrong-type.yaml", "agent: [1, 2]\nmission: {id: m}\ncycle: {number: 1}\n", ":1: agent: expected a mapping"),
        ("bad-utf8.md", "# ok\n\u{FFFD}", ""),
    ])
    func badInputIsOneLineAndExitOne(_ name: String, _ text: String, _ expected: String) throws {
        var data = Data(text.utf8)
        if name == "bad-utf8.md" { data = Data("# ok\n- **Agent ID:** A\n".utf8) + Data([0xC3, 0x28, 0x0A]) }
        let path = folder.appendingPathComponent(name).path
        try data.write(to: URL(fileURLWithPath: path))
        let result = try devlog.run(["import", path])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("devlog: error: \(path)") == true)
        #expect(result.stderr.contains(expected.isEmpty ? ":3: not valid UTF-8" : expected))
    }

    @Test func exitCodes() throws {
        #expect(try devlog.run(["generate", "--cycle", "1", "--latest"]).status == 64)
        #expect(try devlog.run(["generate"]).status == 1)
        _ = try devlog.run(["import", example])
        #expect(try devlog.run(["check"]).status == 0)
        _ = try devlog.run(["mission", "set", "--status", "completed"])
        let check = try devlog.run(["check"])
        #expect(check.status == 3)
        #expect(check.stdout.contains("error: completed-with-open-tasks"))
    }

    @Test func generatedNamesNeverLeaveTheDevlogsFolder() throws {
        let hostile = try write("agent: {id: ../../etc}\nmission: {id: /passwd}\ncycle: {number: 1, date: ../..}\n", to: "hostile.yaml")
        _ = try devlog.run(["import", hostile])
        let path = try devlog.run(["generate"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // A date that is no YYYY-MM-DD names no folder: the devlog goes to devlogs/undated/.
        #expect(path.hasPrefix("devlogs/undated/") || path.hasPrefix(folder.path + "/devlogs/undated/"), "\(path)")
        // Parts reduced to safe characters could be another cycle's too: the name says whose it is.
        #expect(URL(fileURLWithPath: path).lastPathComponent.wholeMatch(of: /unknown_etc_passwd_cycle-1_[0-9a-f]{12}\.md/) != nil)
    }

    @Test func generateAllWritesEveryCycle() throws {
        let json = SharedFixtures.repositoryRoot.appendingPathComponent("examples/agent-5-cycle-1.json").path
        #expect(try devlog.run(["import", example, json]).status == 0)
        let result = try devlog.run(["generate", "--all"])
        #expect(result.stdout.hasPrefix("wrote 2 devlogs"))
        let written = try FileManager.default.subpathsOfDirectory(atPath: folder.appendingPathComponent("devlogs").path).sorted()
        #expect(written == ["2026-11-27", "2026-11-27/2026-11-27_Agent-5_release_notes_cycle-1.md", "2026-11-27/2026-11-27_Agent-7_cache_freshness_fix_cycle-3.md"])
    }

    @Test func checkTemplatesReportsUnknownKeys() throws {
        _ = try devlog.run(["import", example])
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Data("{{#sections}}{{title}} {{owner}}\n{{/sections}}".utf8).write(to: templates.appendingPathComponent("devlog.mustache"))
        let result = try devlog.run(["check", "--templates", "--json"])
        #expect(result.stdout.contains("unknown-template-key"))
        #expect(result.stdout.contains("owner"))
    }

    @Test func gitHooksNeverSeeTheWebhook() async throws {
        let isolation = ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]
        try await Git(directory: folder, environment: isolation, logger: Logger(label: "devlog.tests") { _ in SwiftLogNoOpLogHandler() })
            .run(["init", "-q"])
        // Runs on every ref update, so on the archive commit's.
        let hook = folder.appendingPathComponent(".git/hooks/reference-transaction")
        let seen = folder.appendingPathComponent(".git/hook-environment")
        try Data("#!/bin/sh\ncat >/dev/null\nenv >>'\(seen.path)'\n".utf8).write(to: hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        let secrets = [
            "DEVLOG_DISCORD_WEBHOOK": "https://discord.com/api/webhooks/123456789012345678/token-of-the-agent",
            "TEAM_CHANNEL": "https://discord.com/api/v10/webhooks/123456789012345678/token-of-the-team",
        ]
        let runner = CommandRunner(folder: folder, environment: isolation.merging(secrets) { _, new in new })

        let cycle = try runner.run(["cycle", "--no-publish", "--import", example])

        #expect(cycle.status == 0, "\(cycle.stdout)\(cycle.stderr)")
        let environment = try String(contentsOf: seen, encoding: .utf8)
        #expect(environment.contains("LC_ALL=C"), "the hook did not run")
        for (name, url) in secrets {
            #expect(!environment.contains(name))
            #expect(!environment.contains(url.split(separator: "/").last!))
        }
    }

    /// The seed's example devlog (a completed mission with open tasks) and a git repository in
    /// `folder` to archive it into, with a runner whose git ignores the user's configuration.
    func seedRepository() async throws -> (runner: CommandRunner, git: Git, seed: String) {
        let isolation = ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]
        let git = Git(directory: folder, environment: isolation, logger: Logger(label: "devlog.tests") { _ in SwiftLogNoOpLogHandler() })
        try await git.run(["init", "-q"])
        return (CommandRunner(folder: folder, environment: isolation), git, SharedFixtures.example.path)
    }

    /// The paths committed under devlogs/; none while the repository has no commit.
    func archived(_ git: Git) async throws -> [String] {
        guard try await git.execute(["rev-parse", "-q", "--verify", "HEAD"]).status == 0 else { return [] }
        return try await git.run(["ls-tree", "-r", "--name-only", "HEAD", "devlogs"]).split(separator: "\n").map(String.init)
    }

    @Test(SharedFixtures.required) func theSeedExampleIsArchivedWithItsContradictionsReported() async throws {
        let (runner, git, seed) = try await seedRepository()

        let cycle = try runner.run(["cycle", "--no-publish", "--json", "--import", seed])

        #expect(cycle.status == 3, "\(cycle.stdout)\(cycle.stderr)")
        let steps = try #require(try JSONSerialization.jsonObject(with: Data(cycle.stdout.utf8)) as? [[String: Any]])
        #expect(steps.map { $0["name"] as? String } == ["import", "check", "generate", "publish", "archive"])
        #expect(steps.map { $0["result"] as? String } == ["succeeded", "reported", "succeeded", "skipped", "succeeded"])
        let findings = try #require(steps[1]["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["severity"] as? String == "error" && $0["rule"] as? String == "completed-with-open-tasks" })
        #expect(cycle.stderr.split(separator: "\n").contains { $0.hasPrefix("devlog: ") && $0.contains("contradiction(s) reported") })
        let paths = try await archived(git)
        #expect(paths.count == 3 && paths.contains("devlogs/README.md"), "\(paths)")

        // The text output names each contradiction under the check step.
        let again = try runner.run(["cycle", "--no-publish"])
        #expect(again.status == 3)
        #expect(again.stdout.contains("check: reported — ") && again.stdout.contains("  error: completed-with-open-tasks: "))
        #expect(again.stdout.contains("archive: succeeded — ") && again.stdout.contains("already archived"))
    }

    @Test(SharedFixtures.required) func strictOrTheConfigKeyKeepsTheGate() async throws {
        let (runner, git, seed) = try await seedRepository()

        let strict = try runner.run(["cycle", "--no-publish", "--strict", "--import", seed])

        #expect(strict.status == 1, "\(strict.stdout)\(strict.stderr)")
        #expect(strict.stdout.contains("check: failed — ") && strict.stdout.contains("  next: "))
        #expect(!strict.stdout.contains("generate:"))
        #expect(try await archived(git).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("devlogs").path))

        _ = try write("cycle:\n  strict: true\n", to: ".devlog/config.yaml")
        #expect(try runner.run(["cycle", "--no-publish"]).status == 1)
        #expect(try await archived(git).isEmpty)
        #expect(try runner.run(["cycle", "--no-publish", "--no-strict"]).status == 3)
        #expect(try await archived(git).count == 3)
    }

    @Test func eightAgentsAddingTasksAtOnceLoseNothing() async throws {
        _ = try devlog.run(["import", example])
        let runner = devlog
        try await withThrowingTaskGroup(of: Int32.self) { group in
            for agent in 0..<8 {
                group.addTask {
                    var worst: Int32 = 0
                    for task in 0..<5 { worst = max(worst, try runner.run(["task", "add", "agent \(agent) task \(task)"]).status) }
                    return worst
                }
            }
            for try await status in group { #expect(status == 0) }
        }
        let markdown = try devlog.run(["generate", "--stdout"]).stdout
        let tasks = markdown.split(separator: "\n").filter { $0.wholeMatch(of: /- \*\*Task \d+:\*\* .*/) != nil }
        #expect(tasks.count == 4 + 40)
        #expect(Set(tasks).count == tasks.count)
    }
}
