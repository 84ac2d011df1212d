import DevlogKit
import DevlogModel
import DevlogSandbox
import Foundation
import Logging

/// `swarm DEVLOG`: 6 and 8 `devlog publish` processes sharing one store, each publishing its own
/// agent's cycles at once, against one process publishing the same messages (the whole queue),
/// both against the sandbox with Discord's limits on (bucket of 5 per 2 s, 30 messages a minute
/// per channel). Each run starts from a fresh store and a fresh sandbox, and is timed from the
/// first process started to the last one ended. Prints one line per process count: the swarm's
/// seconds, the one process's, their ratio, and the 429s each met. Target: within 5%, no 429.
struct SwarmBenchmark {
    /// Fits both process counts evenly and stays under the channel's 30 a minute, so the bucket binds.
    static let messages = 24
    let devlog: URL

    func run() async throws {
        for processes in [6, 8] {
            let single = try await publish(agents: processes, processes: 1)
            let swarm = try await publish(agents: processes, processes: processes)
            let line: [String: Any] = [
                "bench": "swarm.\(processes)", "side": "devlog", "ops": Self.messages, "processes": processes,
                "seconds": Self.rounded(swarm.seconds), "single_seconds": Self.rounded(single.seconds),
                "ratio_to_single": Self.rounded(swarm.seconds / single.seconds),
                "rate_limited_429": swarm.rateLimited, "single_rate_limited_429": single.rateLimited,
            ]
            let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }

    /// Publishes `messages` one-message cycles spread over `agents` agents with `processes`
    /// processes: one process publishes the whole queue; several publish an agent's each.
    private func publish(agents: Int, processes: Int) async throws -> (seconds: Double, rateLimited: Int) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devlog-bench-swarm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try DevlogProject(configuration: .init(folder: folder.path),
                                        logger: Logger(label: "devlog-bench.swarm", factory: { _ in SwiftLogNoOpLogHandler() }))
        for agent in 1...agents {
            for cycle in 1...(Self.messages / agents) {
                let id = try project.startCycle(agent: Agent(id: "Agent-\(agent)"), mission: Mission(id: "swarm", objective: "Publish at once"),
                                                cycle: Cycle(number: cycle, date: "2026-12-\(String(format: "%02d", cycle))")).id
                try project.edit(.id(id)) { _ = $0.addTask("Benchmark task of Agent-\(agent), cycle \(cycle)", status: Status(.pending)) }
            }
        }
        return try await DiscordSandbox.withRunning(DiscordSandbox.Configuration()) { base, state in
            let webhook = DiscordSandbox.Configuration.defaultWebhook.url(base: base.absoluteString)
            let environments = processes == 1
                ? [["DEVLOG_DISCORD_WEBHOOK": webhook]]
                : (1...processes).map { ["DEVLOG_DISCORD_WEBHOOK": webhook, "DEVLOG_AGENT": "Agent-\($0)"] }
            // Waited for off Swift's threads: the sandbox answers on them meanwhile.
            let exited = DispatchGroup()
            let started = ContinuousClock.now
            let children = try environments.map { environment in
                let process = Process()
                process.executableURL = devlog
                process.arguments = ["publish"]
                process.currentDirectoryURL = folder
                process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DEVLOG_") }.merging(environment) { $1 }
                process.standardOutput = FileHandle.nullDevice
                exited.enter()
                process.terminationHandler = { _ in exited.leave() }
                try process.run()
                return process
            }
            await withCheckedContinuation { continuation in exited.notify(queue: .global()) { continuation.resume() } }
            let seconds = (ContinuousClock.now - started).seconds
            let failed = children.count { $0.terminationStatus != 0 }
            guard failed == 0, state.messages.count == Self.messages else {
                throw BenchError("\(failed) of \(children.count) publish processes failed; the sandbox holds \(state.messages.count) of \(Self.messages) messages")
            }
            return (seconds, state.counters.rateLimited)
        }
    }

    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
