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
        Exit code 0 only when every step that ran succeeded. Running it again on a finished cycle \
        changes nothing; after a failed publish it resumes from the outbox. A failing step leaves \
        what earlier steps did and says how to continue.
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

    @Option(help: ArgumentHelp("The Discord layout: text, embed or file (default: the config file's, else text).", valueName: "mode"))
    var mode: PublishMode?

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
        job.mode = mode
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
                if let next = step.next { Terminal.print("  next: \(next)") }
            }
        }
        if steps.contains(where: { $0.result == .failed }) { throw ExitCode(ExitStatus.failure) }
    }
}
