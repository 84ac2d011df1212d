import DevlogKit
import DevlogRender
import DevlogStore
import Foundation
import Logging

/// `rerender`: every cycle of a database (as `devlog import` left it) read through the project's
/// store (`DevlogProject.cycle(.id)`) and rendered with the default templates; the markdown is
/// discarded. Reports renders per second and the process's peak resident memory.
struct RerenderBenchmark {
    let databasePath: String

    func run() throws {
        let project = try DevlogProject(configuration: .init(databasePath: databasePath),
                                        logger: Logger(label: "devlog-bench.rerender", factory: { _ in SwiftLogNoOpLogHandler() }))
        let renderer = try DevlogRenderer()
        let ids = try project.store.cycles().map(\.id)
        guard !ids.isEmpty else { throw BenchError("rerender: \(databasePath) holds no cycles") }
        let clock = ContinuousClock()
        let started = clock.now
        var bytes = 0
        for id in ids {
            bytes &+= try renderer.render(project.cycle(.id(id)).devlog).utf8.count
        }
        let seconds = (clock.now - started).seconds
        if bytes == 0 { throw BenchError("rerender: every rendering was empty") }
        BenchResult(bench: "rerender", side: "devlog", ops: ids.count, seconds: seconds, peakRSSKiB: PeakMemory.kibibytes()).print()
    }
}
