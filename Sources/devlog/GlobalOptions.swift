import ArgumentParser
import DevlogKit
import Foundation

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store: a SQLite file, or a postgresql://USER@HOST:PORT/DATABASE URL (default: $DEVLOG_DB, else .devlog/devlog.sqlite).", valueName: "path|url"))
    var db: String?

    @Flag(name: .long, help: "Print the result as JSON, for scripts.")
    var json = false

    /// The project these options name, with templates from `templates` when given.
    func project(templates: String? = nil) throws -> DevlogProject {
        try DevlogProject(configuration: configuration(templates: templates), logger: Terminal.logger)
    }

    /// Where the project these options name keeps its files.
    func configuration(templates: String? = nil) -> DevlogProject.Configuration {
        DevlogProject.Configuration(databasePath: db ?? Environment.database, templatesDirectory: templates)
    }
}

/// Where templates come from, for the commands that render.
struct TemplateOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A folder of NAME.mustache files overriding the default templates (default: ./templates when present).", valueName: "dir"))
    var templates: String?
}

/// Which cycle a command works on.
struct CycleOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The cycle's id (`devlog cycles` lists them).", valueName: "id"))
    var cycle: Int64?

    @Flag(name: .long, help: "The cycle with the latest cycle date (then the highest cycle number, then the last stored), of --agent when given; the default.")
    var latest = false

    @Option(name: .long, help: ArgumentHelp("With --latest: the latest cycle of this agent (default: $DEVLOG_AGENT).", valueName: "id"))
    var agent: String?

    func validate() throws {
        if cycle != nil, latest { throw ValidationError("give either --cycle ID or --latest, not both") }
    }

    /// The selection these options make.
    var selection: CycleSelection {
        if let cycle { return .id(cycle) }
        return .latest(agent: agent ?? Environment.agent)
    }
}
