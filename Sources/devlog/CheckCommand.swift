import ArgumentParser
import DevlogKit

/// `devlog check`: missing sections, contradictions, and unknown template keys.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a cycle for missing sections and contradictions; with --templates, report template keys the context lacks.",
        discussion: "Exit code 3 when an error-level finding (a contradiction) is found, 0 otherwise."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CycleOptions

    @Flag(name: .customLong("templates"), help: "Also report every key the templates use that the context does not have.")
    var checkTemplates = false

    @Option(name: .customLong("template-dir"), help: ArgumentHelp("The templates folder to check (default: ./templates when present).", valueName: "dir"))
    var templateDirectory: String?

    func run() throws {
        let findings = try global.project(templates: templateDirectory).check(target.selection, templates: checkTemplates)
        if global.json {
            try Terminal.printJSON(findings)
        } else if findings.isEmpty {
            Terminal.print("no problems found")
        } else {
            for finding in findings { Terminal.print("\(finding.severity.rawValue): \(finding.rule): \(finding.message)") }
        }
        if findings.contains(where: { $0.severity == .error }) { throw ExitCode(ExitStatus.findings) }
    }
}
