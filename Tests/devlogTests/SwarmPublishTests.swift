import DevlogKit
import DevlogModel
import DevlogPublish
import DevlogSandbox
import DevlogTestSupport
import Foundation
import Logging
import Testing

/// Many `devlog publish` processes (the built binary) sharing one store and one webhook, as a
/// swarm's agents do at the end of a cycle, against the sandbox with Discord's limits: a bucket
/// of 5 requests per 2 seconds and 30 messages a minute per channel.
@Suite("devlog publish: many processes, one store, one webhook", .serialized)
struct SwarmPublishTests {
    /// A project folder whose store holds `cycles` cycles of each agent `Agent-1`…`Agent-<agents>`,
    /// each one Discord message carrying a marker no other message has, in the folder's own
    /// SQLite store or the one `databasePath` names. Returns the markers too.
    static func swarmProject(agents: Int, cycles: Int, tasks: Int = 3,
                             databasePath: String? = nil) throws -> (runner: CommandRunner, project: DevlogProject, markers: [String]) {
        let folder = try CommandRunner.temporaryFolder()
        let project = try DevlogProject(configuration: .init(folder: folder.path, databasePath: databasePath),
                                        logger: Logger(label: "devlog.tests.swarm", factory: { _ in SwiftLogNoOpLogHandler() }))
        var markers: [String] = []
        for agent in 1...agents {
            for cycle in 1...cycles {
                let marker = "swarm-A\(agent)-C\(cycle)-end"
                let id = try project.startCycle(agent: Agent(id: "Agent-\(agent)"), mission: Mission(id: "swarm", objective: "Publish at once"),
                                                cycle: Cycle(number: cycle, date: "2026-12-\(String(format: "%02d", cycle))")).id
                try project.edit(.id(id)) { devlog in
                    for task in 0..<tasks { _ = devlog.addTask("\(marker) task \(task) " + String(repeating: "lorem ipsum ", count: 8), status: Status(.pending)) }
                }
                markers.append(marker)
            }
        }
        return (CommandRunner(folder: folder), project, markers)
    }

    /// The least time Discord's bucket allows for `requests`: the sandbox's window is fixed and
    /// opened by its first request, so the last request starts no sooner than this after the first.
    static func leastSeconds(_ requests: Int, configuration: DiscordSandbox.Configuration) -> Double {
        Double((requests + configuration.bucketLimit - 1) / configuration.bucketLimit - 1) * configuration.bucketWindow
    }

    @Test("6 and 8 processes publishing their agents' cycles at once: every message arrives once, no 429 of any scope", arguments: [6, 8])
    func swarm(processes: Int) async throws {
        let (runner, project, markers) = try Self.swarmProject(agents: processes, cycles: 24 / processes)
        defer { try? FileManager.default.removeItem(at: runner.folder) }
        let configuration = DiscordSandbox.Configuration()
        try await DiscordSandbox.withRunning(configuration) { base, state in
            let url = DiscordSandbox.Configuration.defaultWebhook.url(base: base.absoluteString)
            let started = ContinuousClock.now
            let runs = try (1...processes).map {
                try runner.start(["publish", "--json"], environment: ["DEVLOG_AGENT": "Agent-\($0)", "DEVLOG_DISCORD_WEBHOOK": url])
            }
            var results: [CommandRunner.Result] = []
            for run in runs { results.append(try await run.finished()) }
            let elapsed = ContinuousClock.now - started
            for (index, result) in results.enumerated() {
                #expect(result.status == 0, "process \(index + 1): \(result.stderr)")
            }
            Self.expectEachOnce(markers, in: state)
            #expect(state.counters.rateLimited == 0, "429s: \(state.counters.byStatus)")
            #expect(state.counters.requests == markers.count, "one request per message, none repeated")
            // Loose: the figure against one process is make bench's; here, no pile-up of waits.
            let least = Self.leastSeconds(markers.count, configuration: configuration)
            #expect(elapsed < .seconds(least + 5), "\(processes) processes took \(elapsed) for \(markers.count) messages (least \(least) s)")
        }
        #expect(try project.store.unpublishedCycles().isEmpty)
        #expect(try project.pendingDeliveries().isEmpty)
    }

    @Test("4 processes without DEVLOG_AGENT working through one queue at once: each cycle published by one of them, every message once")
    func sharedQueue() async throws {
        let (runner, project, markers) = try Self.swarmProject(agents: 3, cycles: 4)
        defer { try? FileManager.default.removeItem(at: runner.folder) }
        try await DiscordSandbox.withRunning(DiscordSandbox.Configuration()) { base, state in
            let environment = ["DEVLOG_DISCORD_WEBHOOK": DiscordSandbox.Configuration.defaultWebhook.url(base: base.absoluteString)]
            let runs = try (0..<4).map { _ in try runner.start(["publish", "--json"], environment: environment) }
            var posted = 0
            for run in runs {
                let result = try await run.finished()
                #expect(result.status == 0, "\(result.stderr)")
                let outcomes = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
                posted += outcomes.map { ($0["posted"] as? [Int])?.count ?? 0 }.reduce(0, +)
            }
            #expect(posted == markers.count)
            Self.expectEachOnce(markers, in: state)
            #expect(state.counters.rateLimited == 0)
            #expect(state.counters.requests == markers.count)
        }
        #expect(try project.store.unpublishedCycles().isEmpty)
    }

    @Test("a publisher killed with SIGKILL while waiting on the bucket, then run again: nothing lost, nothing twice")
    func killedWhileWaiting() async throws {
        let (runner, project, markers) = try Self.swarmProject(agents: 1, cycles: 8)
        defer { try? FileManager.default.removeItem(at: runner.folder) }
        try await Self.killAndRerun(first: runner, rerun: runner, markers: markers)
        #expect(try project.store.unpublishedCycles().isEmpty)
    }

    /// Publishes Agent-1's cycles from `first`, kills it with SIGKILL while it waits on the bucket,
    /// publishes again from `rerun`, and checks every marker arrived once, with no 429.
    static func killAndRerun(first runner: CommandRunner, rerun other: CommandRunner, markers: [String],
                             environment extra: [String: String] = [:]) async throws {
        try await DiscordSandbox.withRunning(DiscordSandbox.Configuration()) { base, state in
            let environment = ["DEVLOG_AGENT": "Agent-1", "DEVLOG_DISCORD_WEBHOOK": DiscordSandbox.Configuration.defaultWebhook.url(base: base.absoluteString)]
                .merging(extra) { $1 }
            let first = try runner.start(["publish"], environment: environment)
            // The bucket's first 5 go at once; then the publisher waits for it to reset.
            try await Self.waitUntil { state.messages.count >= 5 }
            try await Task.sleep(for: .milliseconds(500))
            #expect(first.isRunning, "the publisher finished before it was killed; the test proved nothing")
            first.kill()
            #expect(try await first.finished().status != 0)
            #expect(state.messages.count == 5)

            let rerun = try await other.start(["publish", "--json"], environment: environment).finished()
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(!rerun.stderr.contains("may show them twice"))
            Self.expectEachOnce(markers, in: state)
            #expect(state.counters.rateLimited == 0)
        }
    }

    @Test("a publisher killed with SIGKILL while its request is in flight holds the others up no longer than its turn, and its rerun sends nothing twice")
    func killedHoldingTheTurn() async throws {
        try await Self.killHoldingTheTurn(databasePath: nil)
    }

    /// Kills a publisher whose edit is in flight (holding the webhook's turn), publishes another
    /// agent's cycle and then the killed one's again, on the folder's own store or `databasePath`'s.
    static func killHoldingTheTurn(databasePath: String?) async throws {
        let (runner, project, markers) = try Self.swarmProject(agents: 2, cycles: 1, databasePath: databasePath)
        defer { try? FileManager.default.removeItem(at: runner.folder) }
        let lease = RateLimiter.Configuration().turnLease
        let store = databasePath.map { ["DEVLOG_DB": $0] } ?? [:]
        try await DiscordSandbox.withRunning(DiscordSandbox.Configuration()) { base, state in
            let url = DiscordSandbox.Configuration.defaultWebhook.url(base: base.absoluteString)
            let agent1 = ["DEVLOG_AGENT": "Agent-1", "DEVLOG_DISCORD_WEBHOOK": url].merging(store) { $1 }
            #expect(try await runner.start(["publish"], environment: agent1).finished().status == 0)
            let posted = try #require(state.messages.first)

            // A changed cycle is edited in place; the sandbox applies the edit and holds the answer,
            // so the publisher sits in its request, holding the webhook's turn, when it is killed.
            try project.edit(.latest(agent: "Agent-1")) { devlog in _ = devlog.addTask("One more, edited in", status: Status(.pending)) }
            state.enqueue(.delay(seconds: 6))
            let holder = try runner.start(["publish"], environment: agent1)
            try await waitUntil { state.message(id: posted.id)?.editCount == 1 }
            holder.kill()
            let killedAt = Date()
            _ = try await holder.finished()

            let other = try await runner.start(["publish"], environment: ["DEVLOG_AGENT": "Agent-2", "DEVLOG_DISCORD_WEBHOOK": url].merging(store) { $1 })
                .finished()
            #expect(other.status == 0, "\(other.stderr)")
            let arrived = try #require(state.messages.first { $0.content.contains(markers[1]) })
            let held = arrived.timestamp.timeIntervalSince(killedAt)
            #expect(held < lease.timeInterval + 1.5, "the killed process's turn held the other for \(held) s")
            #expect(held > lease.timeInterval / 4, "the other went after \(held) s: the turn the killed process held was not respected")

            let rerun = try await runner.start(["publish", "--json"], environment: agent1).finished()
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(state.messages.count == 2, "nothing posted twice")
            #expect(state.message(id: posted.id)?.editCount == 1, "the edit that was applied is not applied again")
            #expect(state.message(id: posted.id)?.content.contains("One more, edited in") == true)
            #expect(state.counters.rateLimited == 0)
        }
        #expect(try project.store.unpublishedCycles().isEmpty)
    }

    /// Checks that the sandbox holds each marker's message once and nothing else.
    static func expectEachOnce(_ markers: [String], in state: SandboxState, sourceLocation: SourceLocation = #_sourceLocation) {
        let contents = state.messages.map(\.content)
        #expect(contents.count == markers.count, sourceLocation: sourceLocation)
        for marker in markers {
            #expect(contents.count { $0.contains(marker) } == 1, "\(marker) should arrive exactly once", sourceLocation: sourceLocation)
        }
    }

    /// Polls `condition` until it holds, failing after ten seconds.
    static func waitUntil(_ condition: () -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("timed out waiting", sourceLocation: sourceLocation)
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

private extension Duration {
    var timeInterval: TimeInterval { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
