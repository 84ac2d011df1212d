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
        try await archive(entry, onto: try await prepare(in: repository, options: options), options: options)
    }

    /// Reads what ``archive(_:onto:options:)`` commits onto: the work tree, HEAD, the devlog
    /// directory's committed devlogs, and a scratch index of HEAD's tree. Start it before the
    /// devlog is rendered, so its git commands run while the caller works.
    public func prepare(in repository: URL, options: ArchiveOptions = ArchiveOptions()) async throws -> PreparedArchive {
        let directory = try Self.relativePath(options.directory, field: "devlog directory")
        let git = Git(directory: repository, environment: options.gitEnvironment, logger: logger)
        // The commit's two commands start now, their start-up over when the devlog is ready to
        // commit (without them, git could not start, the archive starts its own): the ref update
        // at once, beside the reads; adding to the scratch index once that index exists.
        async let updateRef = try? ArchiveRepository.startRefUpdate(git)
        let (top, head, headTree) = try await Self.locate(git)
        let repo = plumbing(top: top, directory: directory, options: options)
        // Independent reads of HEAD: run side by side.
        async let scratch = repo.scratchIndex(base: head)
        let files = try await repo.files(in: head)
        let texts = try await repo.devlogTexts(files)
        let index = try await scratch
        let commands = try? await repo.startCommit(scratchIndex: index, updateRef: await updateRef)
        return PreparedArchive(top: top, head: head, headTree: headTree, directory: directory, committedTexts: texts,
                               committedFiles: files, scratchIndex: index, commands: commands)
    }

    /// Archives `entry` onto `prepared` (read with the same `options`), as ``archive(_:in:options:)``.
    /// A commit made meanwhile by someone else on the same branch makes this one fail rather than
    /// overwrite it.
    public func archive(_ entry: ArchiveEntry, onto prepared: PreparedArchive, options: ArchiveOptions = ArchiveOptions()) async throws -> ArchiveResult {
        let file = try Self.relativePath(entry.fileName, field: "devlog file name")
        guard file != DevlogIndex.fileName else {
            throw ArchiveError.invalidPath(field: "devlog file name", value: entry.fileName, reason: "is the index's own name")
        }
        let top = prepared.top
        let repo = plumbing(top: top, directory: prepared.directory, options: options)
        let devlogPath = "\(prepared.directory)/\(file)"

        var texts = prepared.committedTexts
        texts[devlogPath] = entry.markdown
        let index = repo.index(texts: texts)
        // Committed as they are when HEAD holds both files with this text as regular files.
        let unchanged = [devlogPath: entry.markdown, repo.indexPath: index].allSatisfy { path, text in
            prepared.committedFiles[path]?.mode == "100644" && prepared.committedTexts[path] == text
        }
        var commands = prepared.takeCommands()
        if unchanged {
            await commands?.abandon()
            commands = nil
        } else if commands == nil {
            commands = try await repo.startCommit(scratchIndex: prepared.scratchIndex)
        }
        // Its start-up overlaps writing and committing; without it, staging runs its own.
        commands?.updateUserIndex = try? repo.git.start(ArchiveRepository.addPaths)
        do {
            try WorkTreeFile.write(entry.markdown, to: top.appendingPathComponent(devlogPath).path)
            try WorkTreeFile.write(index, to: top.appendingPathComponent(repo.indexPath).path)
        } catch {
            await commands?.abandon()
            throw error
        }
        guard let commands else {
            logger.info("devlog already committed", metadata: ["devlog.path": "\(devlogPath)"])
            return try await finish(commit: nil, devlogPath: devlogPath, repo: repo, options: options)
        }

        let commit: String?
        do {
            commit = try await commitStaged(commands, entry: entry, devlogPath: devlogPath, onto: prepared, repo: repo)
        } catch {
            await commands.abandon()
            throw error
        }
        return try await finish(commit: commit, devlogPath: devlogPath, repo: repo, options: options)
    }

    /// Commits the devlog and index, already written, through `commands`; `nil` when git stores
    /// them as HEAD has them (a clean filter such as LFS's rewrites the texts).
    private func commitStaged(_ commands: ArchiveRepository.CommitCommands, entry: ArchiveEntry, devlogPath: String,
                              onto prepared: PreparedArchive, repo: ArchiveRepository) async throws -> String? {
        let tree = try await commands.tree(adding: [devlogPath, repo.indexPath])
        if tree == prepared.headTree {
            await commands.abandon()
            logger.info("devlog already committed", metadata: ["devlog.path": "\(devlogPath)"])
            return nil
        }
        let created = try await repo.commitTree(tree, parent: prepared.head, message: entry.commitSubject + "\n")
        // The ref moves only from the HEAD read in `prepare`; only these two index entries move
        // to the committed content, the rest stays staged as it was. Both after the commit: side by side.
        async let moved: Void = commands.moveRef(to: created, from: prepared.head)
        async let staged: Void = commands.stage([devlogPath, repo.indexPath])
        _ = try await (moved, staged)
        logger.info("devlog committed", metadata: ["devlog.path": "\(devlogPath)", "git.commit": "\(created)"])
        return created
    }

    /// The result of an archive that committed `commit` (or nothing), pushed first when asked.
    private func finish(commit: String?, devlogPath: String, repo: ArchiveRepository, options: ArchiveOptions) async throws -> ArchiveResult {
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

    /// The plumbing in the work tree at `top`, as the archive author.
    private func plumbing(top: URL, directory: String, options: ArchiveOptions) -> ArchiveRepository {
        ArchiveRepository(
            git: Git(
                directory: top,
                // Literal pathspecs: a devlog directory named `a*` must not act as a glob.
                environment: options.gitEnvironment.merging(options.author.environment) { _, new in new }
                    .merging(["GIT_LITERAL_PATHSPECS": "1"]) { _, new in new },
                logger: logger),
            directory: directory)
    }

    /// The work tree's top level, HEAD's commit and HEAD's tree (both `nil` on an unborn branch),
    /// from one `rev-parse` when HEAD has a commit. When it has none (or this is no repository),
    /// that fails and `rev-parse --verify -q` tells which: it exits 1 without a message when only
    /// HEAD is missing.
    private static func locate(_ git: Git) async throws -> (top: URL, head: String?, headTree: String?) {
        let output = try await git.execute(["rev-parse", "--show-toplevel", "HEAD^{commit}", "HEAD^{tree}", "--"])
        let found = output.stdout.split(separator: "\n").map(String.init)
        if output.status == 0, found.count == 4 {
            return (URL(fileURLWithPath: found[0], isDirectory: true), found[1], found[2])
        }
        let arguments = ["rev-parse", "--show-toplevel", "--verify", "-q", "HEAD^{commit}"]
        let verified = try await git.execute(arguments)
        let lines = verified.stdout.split(separator: "\n").map(String.init)
        guard let top = lines.first, verified.status == 0 && lines.count == 2 || verified.status == 1 && lines.count == 1 else {
            throw GitError.failed(arguments: arguments, directory: git.directory, status: verified.status, stderr: verified.stderr)
        }
        let topURL = URL(fileURLWithPath: top, isDirectory: true)
        guard verified.status == 0 else { return (topURL, nil, nil) }
        // HEAD got its first commit between the two commands: read its tree too.
        let tree = try await git.run(["rev-parse", "\(lines[1])^{tree}"]).trimmedLine
        return (topURL, lines[1], tree)
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
}
