import DevlogModel
import DevlogRender
import Foundation

/// Render figures over the corpus devlogs, round robin, context building included:
///
/// - `render` / `devlog`: `DevlogRenderer().render(devlog)` (our DevlogMustache engine).
/// - `render` / `swift-mustache`: the same templates through swift-mustache with a
///   `[String: Any]` context built per render (``SwiftMustacheRenderer``), for the record.
///
/// Before timing, swift-mustache's output is compared with ours and a check line is printed.
struct RenderBenchmark {
    let corpus: Corpus

    func run() throws {
        let renderer = try DevlogRenderer()
        let other = try SwiftMustacheRenderer()
        var identical = 0
        for (_, devlog) in corpus.devlogs {
            if try other.render(devlog) == renderer.render(devlog) { identical += 1 }
        }
        print(#"{"check":"render.swift-mustache","identical":\#(identical),"total":\#(corpus.devlogs.count)}"#)

        var bytes = 0
        try BenchResult.measure("render") {
            for (_, devlog) in corpus.devlogs { bytes &+= try renderer.render(devlog).utf8.count }
            return corpus.devlogs.count
        }.print()
        // BENCH_ONLY_DEVLOG=1 leaves swift-mustache out, for profiling our engine alone.
        guard ProcessInfo.processInfo.environment["BENCH_ONLY_DEVLOG"] != "1" else { return }
        try BenchResult.measure("render", side: "swift-mustache") {
            for (_, devlog) in corpus.devlogs { bytes &+= try other.render(devlog).utf8.count }
            return corpus.devlogs.count
        }.print()
        // The sum is printed so no render can be optimized away.
        if bytes == 0 { throw BenchError("render: every rendering was empty") }
    }

    /// Writes `NAME.json` (the devlog's blocks, as the Python side reads them) and `NAME.md` (our
    /// rendering, which the Jinja2 output must equal byte for byte) for each corpus devlog.
    func export(to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let renderer = try DevlogRenderer()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for (name, devlog) in corpus.devlogs {
            let base = URL(fileURLWithPath: folder).appendingPathComponent(name)
            try encoder.encode(devlog).write(to: base.appendingPathExtension("json"))
            try Data(renderer.render(devlog).utf8).write(to: base.appendingPathExtension("md"))
        }
    }
}
