import ArgumentParser
import DevlogKit
import DevlogTrends

/// `devlog trends`: each metric's values over cycles.
struct TrendsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trends",
        abstract: "Show each metric's values over cycles, oldest first, with the tasks completed per cycle.",
        discussion: """
        The table gives per metric a sparkline of its last \(Trends.sparklineWidth) numbers, its first and last value \
        as written, and the change from the value before the last (▲/▼). --json and --csv give every value, \
        with the number, unit, total (2/4) and note read from it.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only this agent's cycles.", valueName: "id")) var agent: String?
    @Option(help: ArgumentHelp("Only this mission's cycles.", valueName: "id")) var mission: String?
    @Option(help: ArgumentHelp("Only this metric (its label, any case; `\(Trends.taskSeriesName)` for the tasks); repeat for more.",
                               valueName: "name"))
    var metric: [String] = []
    @Flag(help: "Print every value as CSV (one row per metric and cycle).") var csv = false

    func validate() throws {
        if csv, global.json { throw ValidationError("give either --json or --csv, not both") }
    }

    func run() throws {
        var trends = try global.project().trends(agent: agent, mission: mission)
        if !metric.isEmpty {
            let known = Set(trends.metrics.map { $0.name.lowercased() })
            if let missing = metric.first(where: { !known.contains($0.lowercased()) }) {
                throw ValidationError("no metric named \"\(missing)\" in these cycles; `devlog trends` without --metric lists them")
            }
            trends = trends.only(metrics: metric)
        }
        if global.json {
            try Terminal.printJSON(trends.document)
        } else if csv {
            trends.csv { Terminal.print($0) }
        } else {
            for line in trends.table().split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                Terminal.print(String(line))
            }
        }
    }
}
