import DevlogKit
import DevlogStore
import Foundation
import Logging
import Synchronization

/// `rerender`: every cycle of a database (as `devlog import` left it) read through the project's
/// store and rendered with the default templates by `DevlogProject.renderAll` (all cores, as
/// `devlog generate --all` does); the markdown is discarded. Reports renders per second and the process's peak resident memory.
struct RerenderBenchmark {
    let databasePath: String

    func run() async throws {
        let project = try DevlogProject(configuration: .init(databasePath: databasePath), logger: Logger(label: "devlog-bench"))
        let ids = try project.store.cycles().map(\.id)
        guard !ids.isEmpty else { throw BenchError("rerender: \(databasePath) holds no cycles") }
        let bytes = Atomic<Int>(0)
        let clock = ContinuousClock()
        let started = clock.now
        // The same path as `devlog generate --all`: read, fill, render, on every core.
        let rendered = try await project.renderAll(ids) { generated in
            bytes.add(generated.markdown.utf8.count, ordering: .relaxed)
        }
        let seconds = (clock.now - started).seconds
        if bytes.load(ordering: .relaxed) == 0 || rendered != ids.count { throw BenchError("rerender: rendered \(rendered) of \(ids.count), or all empty") }
        BenchResult(bench: "rerender", side: "devlog", ops: ids.count, seconds: seconds, peakRSSKiB: PeakMemory.kibibytes()).print()
    }
}
