import ArgumentParser
import DevlogArchive
import DevlogKit
import Foundation

/// `devlog archive`: commits a cycle's devlog and the devlogs index into git.
struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Commit a cycle's devlog (and the indexes of its day folder and of devlogs/) into git, optionally pushing.",
        discussion: """
        The devlog goes into devlogs/<date>/, the folder of its cycle date. Only the devlog and the \
        two indexes are committed; your other staged and unstaged changes stay as \
        they were. Commit hash, branch and Discord details the records leave out are filled in. \
        Running it again on an archived cycle makes no commit. With --push, a push rejected because \
        another agent pushed first is retried after a short random wait, replaying this commit on top, \
        until --push-timeout.
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CycleOptions
    @OptionGroup var archive: ArchiveOptionGroup

    @Flag(help: "Only move devlogs archived before day folders into the folder of their date, in one commit, and write the indexes again.")
    var relayout = false

    func validate() throws {
        if relayout, target.cycle != nil || target.latest || target.agent != nil {
            throw ValidationError("--relayout moves devlogs already archived; leave out --cycle, --latest and --agent")
        }
    }

    func run() async throws {
        let project = try global.project()
        if relayout {
            let result = try await Archiver(logger: Terminal.logger).relayout(in: archive.repositoryURL(project.settings),
                                                                               options: archive.options(project.settings))
            if global.json {
                try Terminal.printJSON(Relayout(commit: result.commit, moved: result.paths.count, pushed: result.pushed))
            } else if let commit = result.commit {
                Terminal.print("moved \(result.paths.count) devlog(s) into day folders: committed \(commit.prefix(12))" + (result.pushed ? ", pushed" : ""))
            } else {
                Terminal.print("every devlog is in a day folder already; nothing to commit")
            }
            return
        }
        let outcome = try await project.archive(target.selection, repository: archive.repositoryURL(project.settings),
                                                options: archive.options(project.settings))
        if global.json {
            try Terminal.printJSON(outcome)
        } else {
            Terminal.print(ArchiveOptionGroup.summary(outcome))
        }
    }
}

/// What `devlog archive --relayout --json` prints.
private struct Relayout: Encodable {
    var commit: String?
    var moved: Int
    var pushed: Bool
}

/// Options for the archive step, shared by `archive` and `cycle`; unset ones come from the
/// `archive:` section of `.devlog/config.yaml`.
struct ArchiveOptionGroup: ParsableArguments {
    @Option(help: ArgumentHelp("The git repository to archive into (default: archive.repo, else the current folder).", valueName: "dir"))
    var repo: String?

    @Option(name: .customLong("archive-dir"), help: ArgumentHelp("The devlogs folder inside the repository (default: archive.directory, else devlogs).", valueName: "path"))
    var directory: String?

    @Flag(help: "Push after committing (default: archive.push).")
    var push = false

    @Option(name: .customLong("push-timeout"), help: ArgumentHelp("How long to keep retrying a push that others beat, in seconds (default: archive.push_timeout, else 120).", valueName: "seconds"))
    var pushTimeout: Int?

    @Option(name: .customLong("author"), help: ArgumentHelp("The commits' author, as \"Name <email>\" (default: archive.author, else devlog <devlog@localhost>).", valueName: "who"))
    var author: String?

    func validate() throws {
        if let author, GitAuthor(parsing: author) == nil {
            throw ValidationError("--author must look like \"Name <email@host>\"")
        }
        if let pushTimeout, !(0...3600).contains(pushTimeout) {
            throw ValidationError("--push-timeout must be a whole number of seconds from 0 to 3600")
        }
    }

    /// The repository, from the option or the project's settings.
    func repositoryURL(_ settings: ConfigFile) -> URL {
        URL(fileURLWithPath: repo ?? settings.archive.repositoryPath, isDirectory: true)
    }

    /// The archive options, from the options or the project's settings.
    func options(_ settings: ConfigFile) -> ArchiveOptions {
        let settings = settings.archive
        return ArchiveOptions(directory: directory ?? settings.directory,
                              author: author.flatMap(GitAuthor.init(parsing:)) ?? GitAuthor(name: settings.authorName, email: settings.authorEmail),
                              push: push || settings.push,
                              pushRetry: ArchiveOptions.PushRetry(deadline: pushTimeout.map { .seconds($0) } ?? settings.pushTimeout))
    }

    static func summary(_ outcome: ArchiveOutcome) -> String {
        guard let commit = outcome.commit else { return "\(outcome.path): already archived, nothing to commit" }
        return "\(outcome.path): committed \(commit.prefix(12))" + (outcome.pushed ? ", pushed (\(outcome.pushAttempts) attempt(s))" : "")
    }
}

extension GitAuthor {
    /// `Name <email>` → an author.
    init?(parsing text: String) {
        guard let open = text.lastIndex(of: "<"), text.hasSuffix(">") else { return nil }
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        let email = text[text.index(after: open)..<text.index(before: text.endIndex)]
        guard !name.isEmpty, email.contains("@") else { return nil }
        self.init(name: name, email: String(email))
    }
}
