import ArgumentParser
import DevlogKit
import DevlogPublish
import Foundation

/// `devlog cycle`: the whole after-each-cycle job in one command.
struct CycleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cycle",
        abstract: "Import, check, generate, publish and archive a cycle, then summarize each step.",
        discussion: """
        Exit code 0 when every step that ran succeeded; 3 when every step ran but the check found \
        contradictions, which are reported (the devlog is published and archived as it is); 1 when \
        a step failed. With --strict (or `cycle.strict: true` in .devlog/config.yaml) contradictions \
        fail the check and stop the job, exit 1. Running it again on a finished cycle changes \
        nothing; after a failed publish it resumes from the outbox. A failing step leaves what \
        earlier steps did and says how to continue.
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CycleOptions
    @OptionGroup var archiveOptions: ArchiveOptionGroup

    @Option(name: .customLong("import"), parsing: .upToNextOption, help: ArgumentHelp("Files to import first.", valueName: "file"))
    var imports: [String] = []

    @Flag(name: .customLong("no-publish"), help: "Skip posting to Discord.")
    var noPublish = false

    @Flag(name: .customLong("no-archive"), help: "Skip committing to git.")
    var noArchive = false

    @Flag(inversion: .prefixedNo, help: "Stop before generating when the check finds contradictions (default: the config file's cycle.strict, else off).")
    var strict: Bool?

    @Option(help: ArgumentHelp("The Discord layout: text, embed or file (default: the config file's, else text).", valueName: "mode"))
    var mode: PublishMode?

    @Option(help: ArgumentHelp("Refresh the static site in this folder at the end (default: the config file's site.directory).", valueName: "dir"))
    var site: String?

    @Option(help: ArgumentHelp("The webhook URL (default: $DEVLOG_DISCORD_WEBHOOK, else .devlog/config.yaml).", valueName: "url"))
    var webhook: String?

    func run() async throws {
        let configuration = global.configuration()
        let settings = try configuration.loadSettings()
        var job = CycleJob(repository: archiveOptions.repositoryURL(settings), archiveOptions: archiveOptions.options(settings))
        job.imports = imports
        job.selection = target.selection
        job.publish = !noPublish
        job.archive = !noArchive
        job.strict = strict ?? settings.cycle.strict
        job.mode = mode
        job.site = site ?? settings.site.directory
        if let webhook {
            do {
                job.webhook = try WebhookURL(parsing: webhook)
            } catch {
                throw ValidationError("--webhook: \(error)")
            }
        }
        let project = try DevlogProject(configuration: configuration, settings: settings, logger: Terminal.logger)
        let steps = await project.runCycle(job)
        if global.json {
            try Terminal.printJSON(steps)
        } else {
            for step in steps {
                Terminal.print("\(step.name): \(step.result.rawValue) — \(step.detail)")
                for finding in step.findings where finding.severity == .error {
                    Terminal.print("  \(finding.severity.rawValue): \(finding.rule): \(finding.message)")
                }
                if let next = step.next { Terminal.print("  next: \(next)") }
            }
        }
        if steps.contains(where: { $0.result == .failed }) { throw ExitCode(ExitStatus.failure) }
        if let check = steps.first(where: { $0.result == .reported }) {
            let count = check.findings.filter { $0.severity == .error }.count
            // On stderr, so it shows beside --json output too.
            Terminal.note("devlog: \(count) contradiction(s) reported, and the job went on with the devlog as written: "
                + "correct the records and run `devlog cycle` again (posts are edited in place), or use --strict to stop at check")
            throw ExitCode(ExitStatus.findings)
        }
    }
}
