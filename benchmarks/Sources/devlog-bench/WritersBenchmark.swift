import DevlogModel
import DevlogStore
import Foundation

/// `writers`: 8 processes writing one store at once, as a swarm's agents do. Each appends
/// `count` tasks to one shared cycle (read-modify-write in one transaction) and saves a cycle of
/// its own every 5th step. Prints the writes per second with the errors (processes that failed)
/// and the writes lost (tasks or cycles missing afterwards); both must be 0.
struct WritersBenchmark {
    static let workers = 8
    static let count = 50

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devlog-bench-writers-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        let store = try DevlogStore(path: path)
        let target = try store.save(Devlog.skeleton(agent: Agent(id: "shared"), mission: Mission(id: "writers", objective: "Hold up"),
                                                    cycle: Cycle(number: 1, date: "2026-01-01")), source: "bench").id

        let clock = ContinuousClock()
        let started = clock.now
        let children = try (0..<Self.workers).map { worker in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            process.arguments = ["writer", path, String(target), "W\(worker)", String(Self.count)]
            try process.run()
            return process
        }
        for child in children { child.waitUntilExit() }
        let seconds = (clock.now - started).seconds

        let errors = children.count(where: { $0.terminationStatus != 0 })
        let titles = Set(try store.devlog(id: target)?.devlog.tasks.map(\.title) ?? [])
        var lost = 0
        for worker in 0..<Self.workers {
            lost += (0..<Self.count).count(where: { !titles.contains("W\(worker)-\($0)") })
            lost += (Self.count + 4) / 5 - (try store.cycles(agent: "W\(worker)").count)
        }
        let writes = Self.workers * (Self.count + (Self.count + 4) / 5)
        var result = BenchResult(bench: "writers", side: "devlog", ops: writes, seconds: seconds)
        result.errors = errors
        result.lost = lost
        result.print()
    }

    /// One writer process: `writer DB CYCLE_ID WORKER COUNT`.
    static func write(path: String, target: Int64, worker: String, count: Int) throws {
        let store = try DevlogStore(path: path)
        for index in 0..<count {
            try store.update(id: target) { $0.addTask("\(worker)-\(index)", status: Status(.pending)) }
            if index % 5 == 0 {
                try store.save(Devlog.skeleton(agent: Agent(id: worker), mission: Mission(id: "writers", objective: "Hold up"),
                                               cycle: Cycle(number: index, date: "2026-01-01")), source: "bench")
            }
        }
    }
}
