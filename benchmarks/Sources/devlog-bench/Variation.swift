import DevlogKit
import DevlogModel
import DevlogRender
import Foundation
import Logging

/// Makes many distinct devlogs from the few corpus ones: same shapes, other names and numbers.
/// The Python side (benchmarks/python/devlog_bench.py) applies the same rules to the same blocks.
enum Variation {
    /// The devlog with `suffix` appended to its Mission ID, so the store sees a new cycle.
    static func renamingMission(_ devlog: Devlog, suffix: String) -> Devlog {
        var devlog = devlog
        if let index = devlog.blocks.firstIndex(where: { $0.kind == .field && $0.label == "Mission ID" }) {
            devlog.blocks[index].value += suffix
            devlog.blocks[index].touch()
        }
        return devlog
    }

    /// Variant `index` of a devlog: agent, mission, cycle number, task statuses and metric
    /// numbers all depend on `index`, so every variant is its own cycle with its own content.
    static func variant(_ devlog: Devlog, index: Int) -> Devlog {
        let states: [Status.State] = [.completed, .inProgress, .pending, .blocked]
        var devlog = renamingMission(devlog, suffix: "_V\(index)")
        for position in devlog.blocks.indices {
            var block = devlog.blocks[position]
            switch block.kind {
            case .field where block.label == "Agent ID" && block.indent.isEmpty:
                block.value = "Agent-\(index % 40 + 1)"
            case .task:
                block.status = Status(states[(index + (block.number ?? 0)) % states.count])
            case .metric where block.quantity != nil:
                block.value = replacingFirstNumber(in: block.value, with: (index * 37 + position) % 100)
                block.quantity = Quantity(parsing: block.value)
            case .pairs where block.pairs.contains(where: { $0.label == "Cycle" }):
                block = .pairs(block.pairs.map { $0.label == "Cycle" ? ($0.label, String(index % 12 + 1)) : ($0.label, $0.value) })
            default:
                continue
            }
            block.touch()
            devlog.blocks[position] = block
        }
        return devlog
    }

    /// Writes `count` variants, round robin over the corpus, rendered with the default templates.
    static func writeFiles(from corpus: Corpus, count: Int, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let renderer = try DevlogRenderer()
        for index in 0..<count {
            let devlog = variant(corpus.devlogs[index % corpus.devlogs.count].devlog, index: index)
            let path = (folder as NSString).appendingPathComponent(String(format: "devlog-%05d.md", index))
            try Data(renderer.render(devlog).utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    /// Writes `count` cycle files for `devlog cycle`, round robin over the corpus devlogs that
    /// `devlog check` passes (a failing check would stop the cycle before it commits), each with
    /// its own footer cycle number and `_C<n>` appended to its Mission ID.
    static func writeCycleFiles(from corpus: Corpus, count: Int, to folder: String) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("devlog-bench-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let project = try DevlogProject(configuration: .init(folder: scratch.path, databasePath: scratch.appendingPathComponent("check.sqlite").path),
                                        logger: Logger(label: "devlog-bench.cycles", factory: { _ in SwiftLogNoOpLogHandler() }))
        let passing = try corpus.devlogs.map(\.devlog).filter { devlog in
            let id = try project.store.save(devlog, source: "bench").id
            return try project.check(.id(id)).allSatisfy { $0.severity != .error }
        }
        guard !passing.isEmpty else { throw BenchError("cycles: no corpus devlog passes `devlog check`") }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let renderer = try DevlogRenderer()
        for index in 0..<count {
            var devlog = renamingMission(passing[index % passing.count], suffix: "_C\(index)")
            if let position = devlog.blocks.firstIndex(where: { $0.kind == .pairs && $0.pairs.contains { $0.label == "Cycle" } }) {
                devlog.blocks[position] = .pairs(devlog.blocks[position].pairs.map { $0.label == "Cycle" ? ($0.label, String(index + 1)) : ($0.label, $0.value) })
                devlog.blocks[position].touch()
            }
            let path = (folder as NSString).appendingPathComponent(String(format: "cycle-%05d.md", index))
            try Data(renderer.render(devlog).utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    /// `"85% (was 70%)"` with 12 → `"12% (was 70%)"`; digits, `,` and `.` form one number.
    private static func replacingFirstNumber(in text: String, with number: Int) -> String {
        guard let start = text.firstIndex(where: \.isASCIIDigit) else { return text }
        let end = text[start...].firstIndex(where: { !$0.isASCIIDigit && $0 != "." && $0 != "," }) ?? text.endIndex
        return String(text[..<start]) + String(number) + String(text[end...])
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
