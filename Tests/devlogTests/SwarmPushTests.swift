import DevlogArchive
import DevlogTestSupport
import Foundation
import Logging
import Testing

/// Eight agents, each in its own clone with its own store, finish five cycles each at the same
/// moment and push to one bare remote with `devlog cycle --push`, as a swarm does.
@Suite struct SwarmPushTests {
    static let isolation = ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]

    func git(_ folder: URL) -> Git {
        Git(directory: folder, environment: Self.isolation, logger: Logger(label: "devlog.tests.swarm") { _ in SwiftLogNoOpLogHandler() })
    }

    /// A cycle file for `agent`'s cycle `number`: the bundled example under another agent and number.
    static func cycleFile(agent: Int, number: Int) throws -> String {
        let example = try String(contentsOf: SharedFixtures.repositoryRoot.appendingPathComponent("examples/agent-7-cycle-3.yaml"), encoding: .utf8)
        return example.replacingOccurrences(of: "id: Agent-7", with: "id: Agent-\(agent)")
            .replacingOccurrences(of: "number: 3", with: "number: \(number)")
    }

    /// Runs `body` on a thread of its own: a test waiting on a child process must not hold one of
    /// the few threads Swift concurrency has, or the agents would take turns instead of racing.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    @Test(.enabled(if: CommandRunner.executable != nil, "the devlog binary is not built"))
    func eightAgentsFiveCyclesAllLand() async throws {
        let root = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let remote = root.appendingPathComponent("remote.git")
        try await git(root).run(["init", "-q", "--bare", "-b", "main", remote.path])
        let seed = root.appendingPathComponent("seed")
        try await git(root).run(["clone", "-q", remote.path, seed.path])
        try Data("team repo\n".utf8).write(to: seed.appendingPathComponent("README.md"))
        try await git(seed).run(["add", "README.md"])
        try await git(seed).run(["-c", "user.name=Seed", "-c", "user.email=seed@example.invalid", "commit", "-q", "-m", "init"])
        try await git(seed).run(["push", "-q", "origin", "main"])

        let agents = 1...8, cycles = 1...5
        for agent in agents {
            let clone = root.appendingPathComponent("agent-\(agent)")
            try await git(root).run(["clone", "-q", remote.path, clone.path])
            for number in cycles {
                try Data(try Self.cycleFile(agent: agent, number: number).utf8).write(to: clone.appendingPathComponent("cycle-\(number).yaml"))
            }
        }
        // Each agent runs its cycles one after another, all agents at once, each a process of its own.
        let failures = try await withThrowingTaskGroup(of: [String].self) { group in
            for agent in agents {
                group.addTask {
                    try await Self.onThread {
                        let runner = CommandRunner(folder: root.appendingPathComponent("agent-\(agent)"), environment: Self.isolation)
                        var failures: [String] = []
                        for number in cycles {
                            let result = try runner.run(["cycle", "--import", "cycle-\(number).yaml", "--no-publish", "--push",
                                                         "--author", "Agent-\(agent) <agent\(agent)@example.invalid>"])
                            if result.status != 0 { failures.append("Agent-\(agent) cycle \(number): \(result.stdout) \(result.stderr)") }
                        }
                        return failures
                    }
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(failures.isEmpty, "\(failures)")

        let listed = try await git(remote).run(["ls-tree", "-r", "--name-only", "main", "--", "devlogs/"]).split(separator: "\n").map(String.init)
        let files = listed.filter { !$0.hasSuffix("/README.md") }
        #expect(files.count == 40)
        // Every devlog is a row of its day's index, and the directory's index counts them all.
        var rows: [String: DevlogIndex.Row] = [:]
        for index in listed where index.hasSuffix("/README.md") && index != "devlogs/README.md" {
            let folder = index.dropLast(DevlogIndex.fileName.count)
            for (path, row) in DevlogIndex.rows(in: try await git(remote).run(["show", "main:\(index)"])) { rows[folder + path] = row }
        }
        #expect(rows.count == 40)
        #expect(Set(rows.keys) == Set(files))
        let days = try await git(remote).run(["show", "main:devlogs/README.md"])
        #expect(days.matches(of: /\| (\d+) \|\n/).map { Int($0.1)! }.reduce(0, +) == 40)
        for agent in agents {
            #expect(rows.values.filter { $0.metadata.agent == "Agent-\(agent)" }.count == 5, "Agent-\(agent)")
        }
    }
}
