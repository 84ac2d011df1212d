import Foundation

/// One figure: how many operations ran in how long, printed as the JSON line scripts/bench reads.
struct BenchResult: Encodable {
    /// The benchmark row it belongs to (`store.read.cached`, `render`…).
    var bench: String
    /// Who ran it: `devlog`, `swift-mustache` or `python`.
    var side: String
    var ops: Int
    var seconds: Double
    var opsPerSecond: Double
    /// The process's peak resident memory so far, in KiB, when the row reports memory.
    var peakRSSKiB: Int?
    /// Failed processes and lost writes, for the rows that count them.
    var errors: Int?
    var lost: Int?

    enum CodingKeys: String, CodingKey {
        case bench, side, ops, seconds, errors, lost
        case opsPerSecond = "ops_per_s"
        case peakRSSKiB = "peak_rss_kib"
    }

    /// How long each figure runs at least: `BENCH_SECONDS`, default 1 (the machine is shared,
    /// so the script compares ratios from one run rather than trusting one absolute figure).
    static let minimumSeconds: Double = ProcessInfo.processInfo.environment["BENCH_SECONDS"].flatMap(Double.init) ?? 1

    /// Runs `batch` (which returns how many operations it did) until `minimumSeconds` have passed,
    /// timed with the monotonic clock.
    static func measure(_ bench: String, side: String = "devlog", batch: () throws -> Int) rethrows -> BenchResult {
        let clock = ContinuousClock()
        let start = clock.now
        var ops = 0
        var elapsed = Duration.zero
        repeat {
            ops += try batch()
            elapsed = clock.now - start
        } while elapsed < .seconds(minimumSeconds)
        return BenchResult(bench: bench, side: side, ops: ops, seconds: elapsed.seconds)
    }

    init(bench: String, side: String, ops: Int, seconds: Double, peakRSSKiB: Int? = nil) {
        self.bench = bench
        self.side = side
        self.ops = ops
        self.seconds = seconds
        self.opsPerSecond = Double(ops) / max(seconds, 1e-9)
        self.peakRSSKiB = peakRSSKiB
    }

    /// Prints the JSON line.
    func print() {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Encoding these plain fields cannot fail.
        let data = (try? encoder.encode(self)) ?? Data()
        Swift.print(String(decoding: data, as: UTF8.self))
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}
