import ArgumentParser
import DevlogKit

/// `devlog cycles`: what the database holds.
struct CyclesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cycles", abstract: "List stored cycles, newest last.")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only this agent's cycles.", valueName: "id")) var agent: String?
    @Option(help: ArgumentHelp("Only this mission's cycles.", valueName: "id")) var mission: String?

    func run() throws {
        let cycles = try global.project().store.cycles(agent: agent, mission: mission)
        if global.json {
            try Terminal.printJSON(cycles.map {
                CycleRow(id: $0.id, agent: $0.agent, mission: $0.mission, cycle: $0.label, date: $0.date, title: $0.title, state: $0.state?.rawValue)
            })
            return
        }
        for cycle in cycles {
            Terminal.print("\(cycle.id)\t\(cycle.date)\t\(cycle.agent ?? "-")\t\(cycle.mission ?? "-")\tcycle \(cycle.label)\t\(cycle.state?.rawValue ?? "-")")
        }
    }

    struct CycleRow: Encodable {
        var id: Int64
        var agent: String?
        var mission: String?
        var cycle: String
        var date: String
        var title: String
        var state: String?
    }
}
