import ArgumentParser
import DevlogKit
import DevlogModel

/// `devlog new`: starts a cycle that record commands then fill in.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a cycle in the v3.1 frame; task/metric/note/mission commands then add to it.",
        discussion: "Running it again for the same agent, mission and cycle number returns the existing cycle unchanged."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The agent's id, e.g. Agent-6 (default: $DEVLOG_AGENT).", valueName: "id")) var agent: String?
    @Option(help: ArgumentHelp("The mission's id.", valueName: "id")) var mission: String
    @Option(help: ArgumentHelp("The cycle number (default: 1).", valueName: "n")) var cycle: Int = 1
    @Option(help: ArgumentHelp("The mission's objective.", valueName: "text")) var objective: String = ""
    @Option(help: ArgumentHelp("The agent's specialty.", valueName: "text")) var specialty: String = ""
    @Option(help: ArgumentHelp("The agent's coordinates, as written.", valueName: "text")) var coordinates: String = ""
    @Option(help: ArgumentHelp("The cycle date (default: today, UTC).", valueName: "yyyy-mm-dd")) var date: String?
    @Option(help: ArgumentHelp("A title for the header.", valueName: "text")) var title: String = ""

    func validate() throws {
        guard agent ?? Environment.agent != nil else { throw ValidationError("name the agent with --agent ID or $DEVLOG_AGENT") }
        guard cycle >= 0 else { throw ValidationError("--cycle must be 0 or more") }
        try ArgumentText.checkID(agent ?? Environment.agent, agent == nil ? "$DEVLOG_AGENT" : "--agent")
        try ArgumentText.checkID(mission, "--mission")
        for (value, name) in [(objective, "--objective"), (specialty, "--specialty"), (coordinates, "--coordinates"), (date, "--date"), (title, "--title")] {
            try ArgumentText.checkLine(value, name)
        }
    }

    func run() throws {
        let project = try global.project()
        let agentID = agent ?? Environment.agent ?? ""
        let day = date ?? Clock.today()
        let outcome = try project.startCycle(
            agent: Agent(id: agentID, specialty: specialty, coordinates: coordinates),
            mission: Mission(id: mission, objective: objective, status: Status(.inProgress), progress: 0, progressText: "0%"),
            cycle: Cycle(number: cycle, date: day, lastUpdated: Clock.now(), nextUpdate: "", title: title)
        )
        if global.json {
            try Terminal.printJSON(["cycle": outcome.id, "created": outcome.change == .inserted ? 1 : 0])
        } else {
            Terminal.print(outcome.change == .inserted ? "started cycle \(outcome.id)" : "cycle \(outcome.id) already exists; left as it was")
        }
    }
}
