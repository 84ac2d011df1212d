import DevlogSandbox
import DevlogTestSupport
import Foundation
import Testing

/// Agents on several machines publishing to one webhook through one PostgreSQL store: each
/// machine a working folder of its own, so nothing but the server is shared.
@Suite("devlog publish across machines through PostgreSQL", .serialized, TestPostgres.required)
struct PostgresPublishTests {
    @Test("2 machines × 3 publishing processes, one store, one webhook: every message once, no 429 of any scope")
    func twoMachines() async throws {
        let url = try TestPostgres.freshDatabase()
        let (runner, project, markers) = try SwarmPublishTests.swarmProject(agents: 6, cycles: 4, databasePath: url)
        let machines = [runner, CommandRunner(folder: try CommandRunner.temporaryFolder())]
        defer { for machine in machines { try? FileManager.default.removeItem(at: machine.folder) } }
        try await DiscordSandbox.withRunning(DiscordSandbox.Configuration()) { base, state in
            let webhook = DiscordSandbox.Configuration.defaultWebhook.url(base: base.absoluteString)
            let runs = try (1...6).map { agent in
                try machines[(agent - 1) / 3].start(["publish", "--json"], environment: [
                    "DEVLOG_AGENT": "Agent-\(agent)", "DEVLOG_DISCORD_WEBHOOK": webhook, "DEVLOG_DB": url,
                ])
            }
            for run in runs {
                let result = try await run.finished()
                #expect(result.status == 0, "\(result.stderr)")
            }
            SwarmPublishTests.expectEachOnce(markers, in: state)
            #expect(state.counters.rateLimited == 0, "429s: \(state.counters.byStatus)")
            #expect(state.counters.requests == markers.count, "one request per message, none repeated")
        }
        #expect(try project.store.unpublishedCycles().isEmpty)
        for machine in machines {
            #expect(!FileManager.default.fileExists(atPath: machine.folder.appendingPathComponent(".devlog/devlog.sqlite").path),
                    "no machine fell back to a SQLite file of its own")
        }
    }

    @Test("2 machines × 2 processes without DEVLOG_AGENT working through one queue: each cycle claimed by one of them, every message once")
    func sharedQueueAcrossMachines() async throws {
        let url = try TestPostgres.freshDatabase()
        let (runner, project, markers) = try SwarmPublishTests.swarmProject(agents: 3, cycles: 4, databasePath: url)
        let machines = [runner, CommandRunner(folder: try CommandRunner.temporaryFolder())]
        defer { for machine in machines { try? FileManager.default.removeItem(at: machine.folder) } }
        try await DiscordSandbox.withRunning(DiscordSandbox.Configuration()) { base, state in
            let environment = ["DEVLOG_DISCORD_WEBHOOK": DiscordSandbox.Configuration.defaultWebhook.url(base: base.absoluteString), "DEVLOG_DB": url]
            let runs = try (0..<4).map { try machines[$0 % 2].start(["publish", "--json"], environment: environment) }
            for run in runs {
                let result = try await run.finished()
                #expect(result.status == 0, "\(result.stderr)")
            }
            SwarmPublishTests.expectEachOnce(markers, in: state)
            #expect(state.counters.rateLimited == 0)
            #expect(state.counters.requests == markers.count)
        }
        #expect(try project.store.unpublishedCycles().isEmpty)
    }

    @Test("a publisher killed with SIGKILL while its request is in flight: the others are held up no longer than its turn, its rerun sends nothing twice")
    func killedMidSend() async throws {
        try await SwarmPublishTests.killHoldingTheTurn(databasePath: try TestPostgres.freshDatabase())
    }

    @Test("a publisher killed with SIGKILL mid-way on one machine, run again on the other: nothing lost, nothing twice")
    func killedAndResumedElsewhere() async throws {
        let url = try TestPostgres.freshDatabase()
        let (runner, project, markers) = try SwarmPublishTests.swarmProject(agents: 1, cycles: 8, databasePath: url)
        let other = CommandRunner(folder: try CommandRunner.temporaryFolder())
        defer { for machine in [runner, other] { try? FileManager.default.removeItem(at: machine.folder) } }
        try await SwarmPublishTests.killAndRerun(first: runner, rerun: other, markers: markers, environment: ["DEVLOG_DB": url])
        #expect(try project.store.unpublishedCycles().isEmpty)
    }
}
