import Foundation
import Logging

/// Commits rendered devlogs into day folders, with their indexes brought up to date, into a git
/// repository, and optionally pushes them, without touching anything else the user has staged
/// or changed.
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

    /// Writes `entry` into the day folder of its date (``DayFolderIndex/folder(forDate:)``) under
    /// the devlog directory of the repository that contains `repository`, brings that day's
    /// `README.md` index and the directory's own up to date, and commits exactly those three
    /// paths on the current HEAD (a branch, an unborn branch or a detached HEAD). Other staged and
    /// unstaged changes stay as they are. Nothing is committed when all three are already
    /// committed as they are.
    ///
    /// With `options.push`, pushes the current branch to its upstream (or `origin`); when others
    /// pushed first, waits a jittered, growing delay, fetches, rebases only the archiver's own
    /// commits onto the remote branch and tries again, until `options.pushRetry.deadline`.
    public func archive(
        _ entry: ArchiveEntry, in repository: URL, options: ArchiveOptions = ArchiveOptions()
    ) async throws -> ArchiveResult {
        try await archive(entry, onto: try await head(of: repository, options: options), options: options)
    }

    /// Where an archive commits: the work tree's top level and HEAD as it was read.
    struct Head: Sendable {
        /// The work tree's top level.
        var top: URL
        /// HEAD's commit; `nil` on an unborn branch.
        var commit: String?
        /// HEAD's tree; `nil` on an unborn branch.
        var tree: String?
    }

    /// The work tree and HEAD of the repository that contains `repository`.
    func head(of repository: URL, options: ArchiveOptions) async throws -> Head {
        try await Self.locate(Git(directory: repository, environment: options.gitEnvironment, logger: logger))
    }

    /// Archives `entry` onto `head`, as ``archive(_:in:options:)``. A commit made since `head` was
    /// read, by someone else on the same branch, makes this one fail rather than overwrite it.
    func archive(_ entry: ArchiveEntry, onto head: Head, options: ArchiveOptions) async throws -> ArchiveResult {
        let directory = try Self.relativePath(options.directory, field: "devlog directory")
        let file = try Self.relativePath(entry.fileName, field: "devlog file name")
        guard file != DevlogIndex.fileName else {
            throw ArchiveError.invalidPath(field: "devlog file name", value: entry.fileName, reason: "is the index's own name")
        }
        let day = DayFolderIndex.folder(forDate: entry.metadata.date)
        let devlogPath = "\(directory)/\(day)/\(file)"
        try Self.refuseSymbolicLinks(in: devlogPath, top: head.top)
        let repo = plumbing(top: head.top, directory: directory, options: options)

        // The commit is built from blobs alone; the work tree is written only once HEAD has moved,
        // so a lost race or a refusal leaves the user's files and index as they were.
        let devlogBlob = try await repo.writeBlob(entry.markdown, path: devlogPath)
        // The new devlog's row is read from the text at hand when git stored it unchanged.
        let known = ArchiveRepository.blobID(of: Array(entry.markdown.utf8), format: devlogBlob) == devlogBlob ? [devlogBlob: entry.markdown] : [:]
        let (committed, blobs, indexes) = try await repo.withIndexes(base: head.commit, devlogs: [devlogPath: devlogBlob], known: known)
        let texts = indexes.merging([devlogPath: entry.markdown]) { _, devlog in devlog }
        let paths = [devlogPath, repo.dayIndexPath(day), repo.indexPath]
        let unchanged = blobs.allSatisfy { committed.files[$0.key] == ArchiveRepository.TreeFile(mode: "100644", blob: $0.value) }
        // Built first: a path that clashes with a committed folder or file is refused by name here.
        let tree = unchanged ? nil : try await repo.tree(base: head.commit, setting: blobs, listed: committed.trees)
        try await repo.refuseUncommittedEdits(blobs, committed: committed.files)
        guard let tree, tree != head.tree else {
            try writeWorkTree(texts, top: head.top)
            logger.info("devlog already committed", metadata: ["devlog.path": "\(devlogPath)"])
            return try await finish(commit: nil, paths: paths, repo: repo, options: options)
        }
        let created = try await repo.commitTree(tree, parent: head.commit, message: entry.commitSubject + "\n")
        try await repo.moveHead(to: created, from: head.commit)
        try writeWorkTree(texts, top: head.top)
        try await repo.stage(paths)
        logger.info("devlog committed", metadata: ["devlog.path": "\(devlogPath)", "git.commit": "\(created)"])
        return try await finish(commit: created, paths: paths, repo: repo, options: options)
    }

    /// Moves every devlog of the directory that lies outside a day folder (archived before devlog
    /// kept a folder per day) into the day folder of its own date, and writes every index again,
    /// in one commit on HEAD; the user's index and work tree follow as with `git checkout`,
    /// their own changes kept. The result's paths are where the devlogs went; nothing is
    /// committed when none lies outside a day folder.
    public func relayout(in repository: URL, options: ArchiveOptions = ArchiveOptions()) async throws -> ArchiveResult {
        let head = try await head(of: repository, options: options)
        let repo = plumbing(top: head.top, directory: try Self.relativePath(options.directory, field: "devlog directory"), options: options)
        guard let base = head.commit, let (tree, count, placed) = try await repo.relayout(base: base) else {
            return try await finish(commit: nil, paths: [], repo: repo, options: options)
        }
        // `devlog generate` may have written a devlog where it is going: the same bytes are no
        // edit to keep, and checkout would refuse to write over them.
        try await repo.removeUntrackedCopies(of: placed)
        let created = try await repo.commitTree(tree, parent: base, message: Self.relayoutSubject(count) + "\n")
        try await repo.advance(from: base, to: created, message: "devlog: relayout") { ArchiveError.relayoutBlocked(gitText: $0) }
        logger.info("devlogs moved into day folders", metadata: ["devlog.count": "\(count)", "git.commit": "\(created)"])
        return try await finish(commit: created, paths: placed.keys.sorted(), repo: repo, options: options)
    }

    /// The subject of a commit that moves `count` devlogs into day folders.
    static func relayoutSubject(_ count: Int) -> String {
        "\(commitPrefix)move \(count) devlog\(count == 1 ? "" : "s") into day folders"
    }

    /// Whether `message` is the message of a commit ``relayoutSubject(_:)`` named.
    static func isRelayout(_ message: String) -> Bool {
        let subject = message.prefix { $0 != "\n" }
        return subject.hasPrefix(commitPrefix + "move ") && subject.hasSuffix(" into day folders")
    }

    /// Writes `texts` (path from the top level → text) into the work tree at `top`.
    private func writeWorkTree(_ texts: [String: String], top: URL) throws {
        for (path, text) in texts.sorted(by: { $0.key < $1.key }) {
            try WorkTreeFile.write(text, to: top.appendingPathComponent(path).path)
        }
    }

    /// Refuses a devlog path that passes through a symbolic link in the work tree: git stores no
    /// file behind one, and writing through it would land wherever it points, outside the
    /// repository perhaps.
    private static func refuseSymbolicLinks(in path: String, top: URL) throws {
        var folder = top
        for component in path.split(separator: "/").dropLast() {
            folder.appendPathComponent(String(component))
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: folder.path) {
                throw ArchiveError.symbolicLink(path: String(folder.path.dropFirst(top.path.count + 1)), target: target)
            }
        }
    }

    /// The result of an archive that committed `commit` (or nothing), pushed first when asked.
    private func finish(commit: String?, paths: [String], repo: ArchiveRepository, options: ArchiveOptions) async throws -> ArchiveResult {
        var result = ArchiveResult(commit: commit, paths: paths, pushed: false, pushAttempts: 0)
        if options.push {
            let pushed = try await repo.push(retry: options.pushRetry)
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
    private static func locate(_ git: Git) async throws -> Head {
        let output = try await git.execute(["rev-parse", "--show-toplevel", "HEAD^{commit}", "HEAD^{tree}", "--"])
        let found = output.stdout.split(separator: "\n").map(String.init)
        if output.status == 0, found.count == 4 {
            return Head(top: URL(fileURLWithPath: found[0], isDirectory: true), commit: found[1], tree: found[2])
        }
        let arguments = ["rev-parse", "--show-toplevel", "--verify", "-q", "HEAD^{commit}"]
        let verified = try await git.execute(arguments)
        let lines = verified.stdout.split(separator: "\n").map(String.init)
        guard let top = lines.first, verified.status == 0 && lines.count == 2 || verified.status == 1 && lines.count == 1 else {
            throw GitError.failed(arguments: arguments, directory: git.directory, status: verified.status, stderr: verified.stderr)
        }
        let topURL = URL(fileURLWithPath: top, isDirectory: true)
        guard verified.status == 0 else { return Head(top: topURL) }
        // HEAD got its first commit between the two commands: read its tree too.
        let tree = try await git.run(["rev-parse", "\(lines[1])^{tree}"]).trimmedLine
        return Head(top: topURL, commit: lines[1], tree: tree)
    }

    /// `value` as a clean relative path (`./a//b` → `a/b`); refuses absolute paths, `..` and `.git`.
    static func relativePath(_ value: String, field: String) throws -> String {
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
