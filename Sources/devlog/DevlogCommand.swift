import ArgumentParser

/// `devlog`: the root command only lists the subcommands.
struct DevlogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devlog",
        abstract: "Turn a work cycle's records into a DEVLOG v3.1 report, post it to Discord and archive it in git.",
        discussion: """
        Exit codes: 0 success; 1 failure (the message says what and what to do; stored data is left \
        as it was); 3 `check` found contradictions, or `cycle` ran every step and reported the \
        contradictions it found; 64 wrong arguments.
        The database is --db PATH, else $DEVLOG_DB, else .devlog/devlog.sqlite in the current folder.
        """,
        version: "0.1.0",
        subcommands: [
            InitCommand.self, NewCommand.self, ImportCommand.self, TaskCommand.self, MetricCommand.self,
            MissionCommand.self, NoteCommand.self, GenerateCommand.self, ExportCommand.self, CheckCommand.self,
            CyclesCommand.self, TrendsCommand.self, SiteCommand.self, CycleCommand.self, PublishCommand.self, OutboxCommand.self,
            ArchiveCommand.self, SandboxCommand.self, MigrateCommand.self,
        ]
    )
}
