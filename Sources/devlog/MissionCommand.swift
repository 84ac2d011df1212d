import ArgumentParser
import DevlogKit

/// `devlog mission set`: the primary task's status and progress.
struct MissionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mission", abstract: "Update the current cycle's mission.", subcommands: [Set.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Set the mission's status and/or progress.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: CycleOptions
        @Option(help: ArgumentHelp("The status.", valueName: "status")) var status: StatusArgument?
        @Option(help: ArgumentHelp("Progress as written, e.g. 60%.", valueName: "text")) var progress: String?

        func validate() throws {
            if status == nil, progress == nil { throw ValidationError("give --status or --progress (or both)") }
            try ArgumentText.checkLine(progress, "--progress")
        }

        func run() throws {
            let stored = try global.project().edit(target.selection) { devlog in
                devlog.setMissionStatus(status?.status, progress: progress)
            }
            try RecordOutput.report(global, cycle: stored.id, "mission updated")
        }
    }
}
