import DevlogKit
import Foundation

/// `devlog-bench MODE …`: the Swift side of `make bench`. Each mode times its own inner loop and
/// prints one JSON line per figure (see ``BenchResult``); scripts/bench collects them and puts
/// them beside the Python figures.
///
/// Modes:
/// - `store CORPUS` — inserts, cached and uncached point reads (``StoreBenchmark``).
/// - `render CORPUS` — our renderer and swift-mustache on the same devlogs (``RenderBenchmark``).
/// - `export CORPUS OUT` — each corpus devlog's blocks as JSON and its rendering, for the Python side.
/// - `generate CORPUS COUNT OUT` — COUNT distinct devlog files for the import benchmark (``Variation``).
/// - `cycles CORPUS COUNT OUT` — COUNT cycle files that `devlog check` passes, for the cycle benchmark.
/// - `rerender DB` — reads every cycle of a database and renders it (``RerenderBenchmark``).
/// - `writers` — 8 processes writing one store at once (``WritersBenchmark``); `writer …` is one of them.
/// - `publish` — 40 messages through the sandbox's 5-per-2-seconds bucket (`runPublishBenchmark`).
/// - `swarm DEVLOG` — 6 and 8 `devlog publish` processes on one store against one (``SwarmBenchmark``).
/// - `swarm-postgres DEVLOG URL` — 2 folders × 3 processes on one PostgreSQL store against one.
///
/// CORPUS is a folder of v3.1 markdown devlogs, or a single cycle file (the bundled example).
@main
enum Bench {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            switch (arguments.first, arguments.count) {
            case ("store", 2): try StoreBenchmark(corpus: Corpus(path: arguments[1])).run()
            case ("render", 2): try RenderBenchmark(corpus: Corpus(path: arguments[1])).run()
            case ("export", 3): try RenderBenchmark(corpus: Corpus(path: arguments[1])).export(to: arguments[2])
            case ("generate", 4):
                guard let count = Int(arguments[2]), count > 0 else { throw BenchError("COUNT must be a positive number, not \(arguments[2])") }
                try Variation.writeFiles(from: Corpus(path: arguments[1]), count: count, to: arguments[3])
            case ("cycles", 4):
                guard let count = Int(arguments[2]), count > 0 else { throw BenchError("COUNT must be a positive number, not \(arguments[2])") }
                try Variation.writeCycleFiles(from: Corpus(path: arguments[1]), count: count, to: arguments[3])
            case ("rerender", 2): try await RerenderBenchmark(databasePath: arguments[1]).run()
            case ("publish", 1): try await runPublishBenchmark()
            case ("swarm", 2): try await SwarmBenchmark(devlog: URL(fileURLWithPath: arguments[1])).run()
            case ("swarm-postgres", 3): try await SwarmBenchmark(devlog: URL(fileURLWithPath: arguments[1]), postgres: arguments[2]).run()
            case ("writers", 1): try WritersBenchmark().run()
            case ("writer", 5):
                guard let target = Int64(arguments[2]), let count = Int(arguments[4]) else { throw BenchError("usage: devlog-bench writer DB CYCLE_ID WORKER COUNT") }
                try WritersBenchmark.write(path: arguments[1], target: target, worker: arguments[3], count: count)
            default:
                throw BenchError("usage: devlog-bench store CORPUS | render CORPUS | export CORPUS OUT | generate CORPUS COUNT OUT | cycles CORPUS COUNT OUT | rerender DB | publish | swarm DEVLOG | swarm-postgres DEVLOG URL | writers")
            }
        } catch {
            FileHandle.standardError.write(Data("devlog-bench: \(error)\n".utf8))
            exit(1)
        }
    }
}

/// A benchmark that cannot run, said in one line.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
