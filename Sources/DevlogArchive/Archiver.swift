import Foundation
import Logging

/// Commits rendered devlogs, with a regenerated index, into a git repository, and optionally
/// pushes them, without touching anything else the user has staged or changed.
public struct Archiver: Sendable {
    /// Every archive commit's subject starts with this; it marks the commits the archiver may
    /// rebase on its own.
    public static let commitPrefix = "docs(devlog): "

    /// Receives what the archiver and git do.
    public var logger: Logger

    /// Creates an archiver that logs to `logger`.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Writes `entry` under the devlog directory of the repository that contains `repository`,
    /// regenerates the directory's `README.md` index from the devlogs committed there, and commits
    /// exactly those two paths on the current HEAD (a branch, an unborn branch or a detached
    /// HEAD). Other staged and unstaged changes stay as they are. Nothing is committed when the
    /// devlog and index are already committed as they are.
    ///
    /// With `options.push`, pushes the current branch to its upstream (or `origin`); when others
    /// pushed first, fetches, rebases only the archiver's own commits onto the remote branch and
    /// tries again, up to `options.maxPushAttempts` pushes in all.
    public func archive(
        _ entry: ArchiveEntry, in repository: URL, options: ArchiveOptions = ArchiveOptions()
    ) async throws -> ArchiveResult {
        let directory = try Self.relativePath(options.directory, field: "devlog directory")
        let file = try Self.relativePath(entry.fileName, field: "devlog file name")
        guard file != DevlogIndex.fileName else {
            throw ArchiveError.invalidPath(field: "devlog file name", value: entry.fileName, reason: "is the index's own name")
        }
        let probe = Git(directory: repository, environment: options.gitEnvironment, logger: logger)
        let top = URL(fileURLWithPath: try await probe.run(["rev-parse", "--show-toplevel"]).trimmedLine, isDirectory: true)
        let repo = ArchiveRepository(
            git: Git(
                directory: top,
                // Literal pathspecs: a devlog directory named `a*` must not act as a glob.
                environment: options.gitEnvironment.merging(options.author.environment) { _, new in new }
                    .merging(["GIT_LITERAL_PATHSPECS": "1"]) { _, new in new },
                logger: logger),
            directory: directory)
        let devlogPath = "\(directory)/\(file)"

        let head = try await repo.resolve("HEAD^{commit}")
        try Self.write(entry.markdown, to: top.appendingPathComponent(devlogPath))
        let blob = try await repo.git.run(["hash-object", "-w", "--", devlogPath]).trimmedLine
        let built = try await repo.buildTree(base: head, devlogs: [devlogPath: blob])
        try Self.write(built.index, to: top.appendingPathComponent(repo.indexPath))

        var commit: String?
        var headTree: String?
        if let head { headTree = try await repo.resolve("\(head)^{tree}") }
        if headTree != built.tree {
            let created = try await repo.commitTree(built.tree, parent: head, message: entry.commitSubject + "\n")
            let expected = head ?? String(repeating: "0", count: created.count)
            try await repo.git.run(["update-ref", "-m", "devlog: archive \(devlogPath)", "HEAD", created, expected])
            // Only these two index entries move to the committed content; the rest stays staged as it was.
            try await repo.git.run(["update-index", "--add", "--", devlogPath, repo.indexPath])
            commit = created
            logger.info("devlog committed", metadata: ["devlog.path": "\(devlogPath)", "git.commit": "\(created)"])
        } else {
            logger.info("devlog already committed", metadata: ["devlog.path": "\(devlogPath)"])
        }

        var result = ArchiveResult(commit: commit, paths: [devlogPath, repo.indexPath], pushed: false, pushAttempts: 0)
        if options.push {
            let pushed = try await repo.push(maxAttempts: max(1, options.maxPushAttempts))
            result.pushed = true
            result.pushAttempts = pushed.attempts
            if commit != nil { result.commit = pushed.tip }
            logger.info("devlog pushed", metadata: ["git.commit": "\(pushed.tip)", "git.attempts": "\(pushed.attempts)"])
        }
        return result
    }

    /// `value` as a clean relative path (`./a//b` → `a/b`); refuses absolute paths, `..` and `.git`.
    private static func relativePath(_ value: String, field: String) throws -> String {
        guard !value.hasPrefix("/") else {
            throw ArchiveError.invalidPath(field: field, value: value, reason: "is absolute")
        }
        let parts = value.split(separator: "/").filter { $0 != "." }
        guard !parts.isEmpty else {
            throw ArchiveError.invalidPath(field: field, value: value, reason: "is empty")
        }
        guard !parts.contains(where: { $0 == ".." || $0 == ".git" }) else {
            throw ArchiveError.invalidPath(field: field, value: value, reason: "leaves the work tree or enters .git")
        }
        return parts.joined(separator: "/")
    }

    private static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
    }
}
