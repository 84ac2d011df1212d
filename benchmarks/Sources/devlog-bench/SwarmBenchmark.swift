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
///
/// `swarm-postgres DEVLOG URL`: the same through a PostgreSQL store, each run in a new database
/// on URL's server: 2 working folders standing for 2 machines, 3 agents' processes in each,
/// against one process (on the same kind of store) sending the same messages.
struct SwarmBenchmark {
    /// Fits both process counts evenly and stays under the channel's 30 a minute, so the bucket binds.
    static let messages = 24
    let devlog: URL
    /// The server to make a database on for each run; nil: each run's own SQLite file.
    var postgres: String? = nil

    func run() async throws {
        if postgres != nil {
            try await compare(bench: "swarm.pg", agents: 6, processes: 6, machines: 2)
            return
        }
        for processes in [6, 8] { try await compare(bench: "swarm.\(processes)", agents: processes, processes: processes, machines: 1) }
    }

    /// Prints the line of one figure: `processes` processes over `machines` folders against one.
    private func compare(bench: String, agents: Int, processes: Int, machines: Int) async throws {
        let single = try await publish(agents: agents, processes: 1, machines: 1)
        let swarm = try await publish(agents: agents, processes: processes, machines: machines)
        let line: [String: Any] = [
            "bench": bench, "side": "devlog", "ops": Self.messages, "processes": processes, "machines": machines,
            "seconds": Self.rounded(swarm.seconds), "single_seconds": Self.rounded(single.seconds),
            "ratio_to_single": Self.rounded(swarm.seconds / single.seconds),
            "rate_limited_429": swarm.rateLimited, "single_rate_limited_429": single.rateLimited,
        ]
        let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    /// Publishes `messages` one-message cycles spread over `agents` agents with `processes`
    /// processes: one process publishes the whole queue; several publish an agent's each, spread
    /// over `machines` working folders.
    private func publish(agents: Int, processes: Int, machines: Int) async throws -> (seconds: Double, rateLimited: Int) {
        let folders = (0..<machines).map { _ in
            FileManager.default.temporaryDirectory.appendingPathComponent("devlog-bench-swarm-\(UUID().uuidString)")
        }
        defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
        for folder in folders { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        let database = try postgres.map(Self.freshDatabase)
        let project = try DevlogProject(configuration: .init(folder: folders[0].path, databasePath: database),
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
            let shared = ["DEVLOG_DISCORD_WEBHOOK": webhook].merging(database.map { ["DEVLOG_DB": $0] } ?? [:]) { $1 }
            let environments = processes == 1
                ? [shared]
                : (1...processes).map { shared.merging(["DEVLOG_AGENT": "Agent-\($0)"]) { $1 } }
            // Waited for off Swift's threads: the sandbox answers on them meanwhile.
            let exited = DispatchGroup()
            let started = ContinuousClock.now
            let children = try environments.enumerated().map { index, environment in
                let process = Process()
                process.executableURL = devlog
                process.arguments = ["publish"]
                process.currentDirectoryURL = folders[index * machines / environments.count]
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

    /// A new database on the server `url` names (created with `psql`, the password handed over in
    /// its environment): its URL.
    private static func freshDatabase(on url: String) throws -> String {
        guard var components = URLComponents(string: url) else { throw BenchError("swarm-postgres: \(url) is not a URL") }
        let password = components.password
        components.password = nil
        let name = "devlog_bench_" + UUID().uuidString.prefix(8).lowercased()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", components.string!, "-c", "CREATE DATABASE \(name)"]
        process.environment = ProcessInfo.processInfo.environment.merging(["PGPASSWORD": password ?? ""]) { $1 }
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("swarm-postgres: psql could not create a database") }
        components.password = password
        components.path = "/" + name
        return components.string!
    }
}
