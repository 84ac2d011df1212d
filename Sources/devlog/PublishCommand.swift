import ArgumentParser
import DevlogKit
import DevlogPublish
import Foundation

/// `devlog publish`: posts cycles to a Discord webhook, sending only what changed or is missing.
/// Without a selector it works through a queue: every cycle not yet delivered whole.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Post devlogs to Discord: by default every cycle not yet published; publishing again edits in place and sends only what changed.",
        discussion: """
        Without --cycle, --latest or --all, publish works through a queue: every cycle whose current records are not \
        yet delivered whole to Discord (never published, a publish not finished, or changed since), oldest cycle date \
        first, of --agent or $DEVLOG_AGENT when set. A published cycle that has not changed is never sent again, so \
        `devlog import` then `devlog publish` posts the imported cycle, whatever its date. A template change alone \
        does not queue published cycles: --all re-renders and edits them.

        --latest names one cycle by the devlogs' own dates: the latest cycle date, then the highest cycle number, then \
        the last stored; after importing an older-dated cycle it is not the new one.

        The webhook is --webhook URL, else $DEVLOG_DISCORD_WEBHOOK, else discord.agents.<agent> or discord.webhook \
        in .devlog/config.yaml. The token is never printed, logged or stored. Processes publishing from one database \
        keep to each webhook's rate limits together. Exit code 1 when any cycle could not be published: run the same \
        command again (or --retry-failed) once the cause is fixed; delivered parts are not sent twice.
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var templateOptions: TemplateOptions

    @Option(name: .long, help: ArgumentHelp("Publish the cycle with this id (`devlog cycles` lists them).", valueName: "id"))
    var cycle: Int64?

    @Flag(name: .long, help: "Publish the cycle with the latest cycle date (then the highest cycle number, then the last stored).")
    var latest = false

    @Option(name: .long, help: ArgumentHelp("The queue, or --latest, of this agent only (default: $DEVLOG_AGENT).", valueName: "id"))
    var agent: String?

    @Flag(name: .long, help: "Publish every stored cycle, published or not, oldest first (after a template change, say).")
    var all = false

    @Option(name: .long, help: ArgumentHelp("text (the markdown as messages), embed (one summary) or file (summary + .md attached); default: discord.mode, else text.", valueName: "mode"))
    var mode: PublishMode?

    @Option(name: .long, help: ArgumentHelp("The Discord webhook URL to post to.", valueName: "url"))
    var webhook: String?

    @Flag(name: .long, help: "Print the exact requests that would be sent (token hidden) and send nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Resume every pending or failed delivery the outbox lists (see `devlog outbox`).")
    var retryFailed = false

    func validate() throws {
        if [all, cycle != nil, latest].filter({ $0 }).count > 1 { throw ValidationError("give --all, --cycle ID or --latest, only one") }
        if retryFailed, all || cycle != nil || latest {
            throw ValidationError("--retry-failed resumes every unfinished delivery; do not combine it with --all, --cycle or --latest")
        }
        if agent != nil, all || cycle != nil || retryFailed {
            throw ValidationError("--agent chooses among the queue or for --latest; do not combine it with --all, --cycle or --retry-failed")
        }
    }

    func run() async throws {
        let project = try global.project(templates: templateOptions.templates)
        let url = try webhook.map { text in
            do { return try WebhookURL(parsing: text) } catch { throw ValidationError("--webhook: \(error)") }
        }
        if let cycle {
            try show([try await project.publish(.id(cycle), mode: mode, webhook: url, dryRun: dryRun)])
            return
        }
        if latest {
            try show([try await project.publish(.latest(agent: agent ?? Environment.agent), mode: mode, webhook: url, dryRun: dryRun)])
            return
        }
        let bar = ProgressBar(unit: "cycles")
        let outcome = if retryFailed {
            try await project.retryFailed(webhook: url, dryRun: dryRun, progress: bar.update)
        } else if all {
            try await project.publishBacklog(mode: mode, webhook: url, dryRun: dryRun, progress: bar.update)
        } else {
            try await project.publishQueue(agent: agent ?? Environment.agent, mode: mode, webhook: url, dryRun: dryRun, progress: bar.update)
        }
        bar.finish()
        try show(outcome.published)
        if !retryFailed, !all, outcome.published.isEmpty, outcome.failures.isEmpty, !global.json {
            Terminal.print("nothing to publish: every cycle\((agent ?? Environment.agent).map { " of \($0)" } ?? "") is published as it stands")
        }
        for failure in outcome.failures { Terminal.error("cycle \(failure.cycleID): \(failure.message)") }
        if !outcome.failures.isEmpty { throw ExitCode(ExitStatus.failure) }
    }

    private func show(_ outcomes: [PublishOutcome]) throws {
        if global.json {
            try Terminal.printJSON(outcomes.map(Summary.init))
            return
        }
        for outcome in outcomes {
            if outcome.dryRun {
                for request in outcome.requests {
                    Terminal.print("\(request.method) \(request.url)")
                    if let json = request.json { Terminal.print(json) }
                    for file in request.files { Terminal.print("  + file \(file.name) (\(file.bytes) bytes)") }
                }
            }
            let report = outcome.report
            let verb = outcome.dryRun ? "would publish" : "published"
            Terminal.print("cycle \(outcome.cycleID) \(verb) to \(outcome.webhook) (\(outcome.mode.rawValue)): "
                + "\(report.posted.count) posted, \(report.edited.count) edited, \(report.reposted.count) reposted, "
                + "\(report.deleted.count) deleted, \(report.unchanged.count) unchanged")
            if !report.possiblyDuplicated.isEmpty {
                Terminal.note("devlog: warning: cycle \(outcome.cycleID): parts \(report.possiblyDuplicated) were sent again after an unanswered send; Discord may show them twice")
            }
        }
    }

    /// The `--json` shape of one outcome.
    struct Summary: Encodable {
        var cycle: Int64
        var webhook: String
        var mode: String
        var dryRun: Bool
        var posted: [Int]
        var edited: [Int]
        var reposted: [Int]
        var deleted: [Int]
        var unchanged: [Int]
        var possiblyDuplicated: [Int]
        var messageIDs: [String]
        var requests: [DryRunRequest]

        init(_ outcome: PublishOutcome) {
            cycle = outcome.cycleID
            webhook = outcome.webhook
            mode = outcome.mode.rawValue
            dryRun = outcome.dryRun
            posted = outcome.report.posted
            edited = outcome.report.edited
            reposted = outcome.report.reposted
            deleted = outcome.report.deleted
            unchanged = outcome.report.unchanged
            possiblyDuplicated = outcome.report.possiblyDuplicated
            messageIDs = outcome.dryRun ? [] : outcome.report.messageIDs
            requests = outcome.requests
        }
    }
}

extension PublishMode: ExpressibleByArgument {}
