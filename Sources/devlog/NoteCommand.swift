import ArgumentParser
import DevlogKit
import DevlogModel

/// `devlog note add`: a line in any section, custom ones included.
struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Add a line to a section of the current cycle.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a bullet line to a section (created when missing, custom titles welcome).",
            discussion: "Example: devlog note add \"Cache hit rate 97%\" --section \"PERFORMANCE ANALYSIS\" --subsection \"Resource Usage\""
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: CycleOptions
        @Argument(help: "The text.") var text: String
        @Option(help: ArgumentHelp("The section's title, e.g. \"ISSUES & RESOLUTIONS\" or a new one.", valueName: "title")) var section: String
        @Option(help: ArgumentHelp("A subsection's title within it.", valueName: "title")) var subsection: String?

        func validate() throws {
            try ArgumentText.checkLine(text, "the note")
            try ArgumentText.checkLine(section, "--section")
            try ArgumentText.checkLine(subsection, "--subsection")
            if section.trimmingWhitespace().isEmpty { throw ValidationError("--section needs a title") }
        }

        func run() throws {
            let stored = try global.project().edit(target.selection) { devlog in
                devlog.append(.item(text), to: SectionReference(named: section), subsection: subsection)
            }
            try RecordOutput.report(global, cycle: stored.id, "note added to \(section)")
        }
    }
}
