import ArgumentParser
import DevlogKit

/// `devlog metric set`: a figure under PROGRESS METRICS.
struct MetricCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "metric", abstract: "Record a metric in the current cycle.", subcommands: [Set.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set a metric (added when missing); its number and unit are read from the value.",
            discussion: "Example: devlog metric set \"Test Coverage\" 91% --group \"Quality Metrics\""
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: CycleOptions
        @Argument(help: "The label, e.g. \"Test Coverage\".") var label: String
        @Argument(help: "The value as it is to be written, e.g. 91%.") var value: String
        @Option(help: ArgumentHelp("The group (subsection) it is listed under.", valueName: "name")) var group = "Completion Status"

        func validate() throws {
            try ArgumentText.checkLine(label, "the label")
            try ArgumentText.checkLine(value, "the value")
            try ArgumentText.checkLine(group, "--group")
        }

        func run() throws {
            let stored = try global.project().edit(target.selection) { devlog in
                devlog.setMetric(label, value, group: group)
            }
            try RecordOutput.report(global, cycle: stored.id, "\(group) / \(label) = \(value)")
        }
    }
}
