import DevlogModel
import DevlogStore
import Foundation

/// Store figures on a fresh database in a temporary folder (default store configuration: WAL,
/// `synchronous = NORMAL`, foreign keys on, a 256-devlog read cache):
///
/// - `store.insert`: `save` of distinct devlogs (corpus devlogs with a numbered Mission ID),
///   each its own transaction; the variants are built before the clock starts.
/// - `store.read.cached`: `devlog(id:)` of devlogs already read once, rotating over as many ids
///   as the cache holds (nothing commits meanwhile, so each read compares SQLite's wal-index header
///   with the one last seen and runs no SQL; the Python side asks `PRAGMA data_version`).
/// - `store.read.uncached`: `readUncached(id:)`, rotating over the first 500 stored ids.
struct StoreBenchmark {
    let corpus: Corpus

    /// How many devlogs the insert figure saves: `BENCH_INSERTS`, default 2,000.
    static let insertCount = ProcessInfo.processInfo.environment["BENCH_INSERTS"].flatMap(Int.init) ?? 2000

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devlog-bench-store-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try DevlogStore(path: folder.appendingPathComponent("store.sqlite").path)

        let variants = (0..<Self.insertCount).map { index in
            Variation.renamingMission(corpus.devlogs[index % corpus.devlogs.count].devlog, suffix: "_B\(index)")
        }
        let clock = ContinuousClock()
        var ids: [Int64] = []
        ids.reserveCapacity(variants.count)
        let started = clock.now
        for devlog in variants {
            let outcome = try store.save(devlog, source: "bench")
            guard outcome.change == .inserted else { throw BenchError("store.insert: a variant was \(outcome.change), not inserted") }
            ids.append(outcome.id)
        }
        BenchResult(bench: "store.insert", side: "devlog", ops: ids.count, seconds: (clock.now - started).seconds).print()

        let cachedIDs = Array(ids.prefix(store.configuration.cacheCapacity))
        for id in cachedIDs { _ = try store.devlog(id: id) }
        try BenchResult.measure("store.read.cached") {
            for id in cachedIDs {
                guard try store.devlog(id: id) != nil else { throw BenchError("store.read.cached: cycle \(id) vanished") }
            }
            return cachedIDs.count
        }.print()
        let statistics = store.cacheStatistics
        guard statistics.misses <= cachedIDs.count else {
            throw BenchError("store.read.cached: \(statistics.misses) cache misses, expected at most the \(cachedIDs.count) first reads")
        }

        try BenchResult.measure("store.read.uncached") {
            for id in ids.prefix(500) {
                guard try store.readUncached(id: id) != nil else { throw BenchError("store.read.uncached: cycle \(id) vanished") }
            }
            return min(ids.count, 500)
        }.print()
    }
}
