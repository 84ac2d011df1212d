import ArgumentParser
import DevlogKit

/// `devlog generate`: renders a cycle to markdown.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Render a cycle as DEVLOG v3.1 markdown.",
        discussion: """
        Default path: devlogs/<date>_<agent>_<mission>_cycle-<n>.md (names reduced to safe characters; a name \
        that had to change ends in 12 hex digits from the cycle's identity, so no two cycles share a file). \
        --all writes every stored cycle there, rendering on all cores.
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CycleOptions
    @OptionGroup var templateOptions: TemplateOptions

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write here instead of the default path.", valueName: "file"))
    var output: String?

    @Flag(name: .long, help: "Print the markdown instead of writing a file.")
    var stdout = false

    @Flag(name: .long, help: "Write every stored cycle to its default path.")
    var all = false

    func validate() throws {
        if output != nil, stdout { throw ValidationError("give either -o FILE or --stdout, not both") }
        if all, output != nil || stdout || target.cycle != nil { throw ValidationError("--all writes every cycle to its default path; leave out -o, --stdout and --cycle") }
    }

    func run() async throws {
        let project = try global.project(templates: templateOptions.templates)
        if all {
            let count = try await project.renderAll { generated in
                try project.write(generated.markdown, to: project.defaultPath(for: generated))
            }
            if global.json { try Terminal.printJSON(["written": count]) } else { Terminal.print("wrote \(count) devlogs to \(project.configuration.devlogsDirectory)/") }
            return
        }
        let generated = try project.generate(target.selection)
        if stdout {
            Terminal.printDocument(generated.markdown)
            return
        }
        let path = output ?? project.defaultPath(for: generated)
        try project.write(generated.markdown, to: path)
        if global.json {
            try Terminal.printJSON(GeneratedFile(cycle: generated.cycleID, path: path, bytes: generated.markdown.utf8.count))
        } else {
            Terminal.print(path)
        }
    }

    struct GeneratedFile: Encodable {
        var cycle: Int64
        var path: String
        var bytes: Int
    }
}
