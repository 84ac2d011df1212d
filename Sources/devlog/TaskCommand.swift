import ArgumentParser
import DevlogKit
import DevlogModel

/// `devlog task add|set`: secondary tasks of the current cycle.
struct TaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: "Add a task to the current cycle or change one.",
        subcommands: [Add.self, Set.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a secondary task; prints its number.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: CycleOptions
        @Argument(help: "What the task is.") var title: String
        @Option(help: ArgumentHelp("Its status: pending, in progress, completed, blocked, failed, cancelled (any spelling, e.g. \"✅ Completed\").", valueName: "status"))
        var status: StatusArgument = StatusArgument(argument: "Pending")!

        func validate() throws {
            try ArgumentText.checkLine(title, "the title")
        }

        func run() throws {
            var number = 0
            let stored = try global.project().edit(target.selection) { devlog in
                number = devlog.addTask(title, status: status.status)
            }
            try RecordOutput.report(global, cycle: stored.id, "added Task \(number)", ["task": number])
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Change a task's status or title.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: CycleOptions
        @Argument(help: "The task's number (Task N).") var number: Int
        @Option(help: ArgumentHelp("The new status.", valueName: "status")) var status: StatusArgument?
        @Option(help: ArgumentHelp("The new title.", valueName: "text")) var title: String?

        func validate() throws {
            if status == nil, title == nil { throw ValidationError("give --status or --title (or both)") }
            try ArgumentText.checkLine(title, "--title")
        }

        func run() throws {
            let stored = try global.project().edit(target.selection) { devlog in
                guard devlog.updateTask(number, title: title, status: status?.status) else { throw ProjectError.noSuchTask(number) }
            }
            try RecordOutput.report(global, cycle: stored.id, "updated Task \(number)", ["task": number])
        }
    }
}
