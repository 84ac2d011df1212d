import Crypto
import DevlogTestSupport
import Foundation
import Testing

/// `devlog trends` on the repository's examples (and the corpus when present), compared with
/// the expected output under Golden/; `DEVLOG_UPDATE_GOLDEN=1` rewrites it after a deliberate change.
@Suite struct TrendsCommandTests {
    private static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// A project holding both examples and a fourth cycle of Agent-7 recorded by commands, so
    /// Agent-7's metrics move.
    static func examplesProject() throws -> CommandRunner {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devlog-trends-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let runner = CommandRunner(folder: folder)
        let examples = SharedFixtures.repositoryRoot.appendingPathComponent("examples")
        for arguments in [
            ["init"], ["import", examples.path],
            ["new", "--agent", "Agent-7", "--mission", "cache_freshness_fix", "--cycle", "4", "--date", "2026-11-29", "--objective", "Soak test"],
            ["task", "add", "Run 8 writer processes", "--status", "completed", "--agent", "Agent-7"],
            ["task", "add", "Delete the hashed keys", "--status", "in progress", "--agent", "Agent-7"],
            ["metric", "set", "Overall Progress", "85%", "--agent", "Agent-7"],
            ["metric", "set", "Tasks Completed", "1/2", "--agent", "Agent-7"],
            ["metric", "set", "Test Coverage", "88.5%", "--group", "Quality Metrics", "--agent", "Agent-7"],
            ["metric", "set", "Stale Reads Observed", "0 (none in 8 hours of soak)", "--group", "Quality Metrics", "--agent", "Agent-7"],
            ["metric", "set", "p95 Read", "1.2 s", "--group", "Quality Metrics", "--agent", "Agent-7"],
        ] {
            let result = try runner.run(arguments)
            try #require(result.status == 0, "devlog \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        return runner
    }

    @Test(arguments: [
        ("trends-examples.txt", ["trends"]),
        ("trends-examples.json", ["trends", "--json"]),
        ("trends-examples.csv", ["trends", "--csv"]),
        ("trends-agent-7-coverage.txt", ["trends", "--agent", "Agent-7", "--metric", "test coverage", "--metric", "Task completion"]),
    ])
    func examplesMatchTheirGoldenOutput(_ file: String, _ arguments: [String]) throws {
        let result = try Self.examplesProject().run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        try Self.compare(result.stdout, golden: file)
    }

    @Test func anUnknownMetricIsNamedAndRefused() throws {
        let result = try Self.examplesProject().run(["trends", "--metric", "Velocity"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("no metric named \"Velocity\""))
        #expect(result.stdout.isEmpty)
    }

    /// The corpus is not the repository's to copy, so its golden is a digest of the output, with
    /// the output itself written beside the test run's temporary files to compare by eye.
    @Test(SharedFixtures.required) func corpusMatchesItsGoldenDigest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devlog-trends-corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let runner = CommandRunner(folder: folder)
        #expect(try runner.run(["init"]).status == 0)
        #expect(try runner.run(["import", SharedFixtures.corpus.path]).status == 0)
        for (name, arguments) in [("trends-corpus.csv", ["trends", "--csv"]), ("trends-corpus.txt", ["trends"])] {
            let result = try runner.run(arguments)
            #expect(result.status == 0)
            let output = folder.appendingPathComponent(name)
            try Data(result.stdout.utf8).write(to: output)
            let digest = SHA256.hash(data: Data(result.stdout.utf8)).map { String(format: "%02x", $0) }.joined()
            try Self.compare(digest + "\n", golden: name + ".sha256", comment: "the output is in \(output.path)")
        }
    }

    private static func compare(_ actual: String, golden file: String, comment: String = "") throws {
        let url = golden.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["DEVLOG_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(file) differs from the output \(comment)")
    }
}
