import Foundation
import Logging

/// Reads what a devlog's commit section needs from git when the records leave it out: the
/// cycle's commits, the branch, and the state of the work tree. Works in a repository with no
/// commits yet.
public struct GitFacts: Sendable {
    /// Where the cycle's commits start.
    public enum Since: Sendable, Equatable {
        /// Commits after this one (the previous cycle's last commit), up to HEAD.
        case commit(String)
        /// Commits made (committer date) after this moment.
        case date(Date)
        /// Every commit reachable from HEAD.
        case beginning
    }

    /// Runs the git commands.
    public var git: Git

    /// Creates a reader for the repository that contains `repository`.
    public init(repository: URL, environment: [String: String] = [:], logger: Logger) {
        git = Git(directory: repository, environment: environment, logger: logger)
    }

    /// The commits on HEAD since `since`, newest first, as `git log` lists them, each with the
    /// files it changed (none listed for merges).
    public func commits(since: Since) async throws -> [GitCommitFact] {
        guard let head = try await headCommit() else { return [] }
        return try await commits(since: since, upTo: head)
    }

    /// The commits since `since` up to `head` (a commit ``status()`` found HEAD at), newest
    /// first, each with the files it changed: one `git log`, for callers that already know HEAD.
    public func commits(since: Since, upTo head: String) async throws -> [GitCommitFact] {
        try await commits(since: since, upTo: head, limit: nil)
    }

    /// ``commits(since:upTo:)``, at most `limit` of them.
    private func commits(since: Since, upTo head: String, limit: Int?) async throws -> [GitCommitFact] {
        var arguments = ["-c", "core.quotePath=false", "log", "-z", "--name-only", "--format=%x1e%H%x1f%P%x1f%s"] + (limit.map { ["-n", "\($0)"] } ?? [])
        switch since {
        case .commit(let hash): arguments.append("\(hash)..\(head)")
        case .date(let date):
            // ISO 8601 in UTC; git reads `--since=@0` as "no limit", so no raw timestamps.
            arguments += ["--since=\(ISO8601DateFormatter().string(from: date))", head]
        case .beginning: arguments.append(head)
        }
        arguments.append("--")
        let output = try await git.run(arguments)
        // Each record: `\x1e<hash>\x1f<parents>\x1f<subject>\0`, then `\n` and NUL-terminated file names.
        return output.split(separator: "\u{1e}").compactMap { record in
            let parts = record.split(separator: "\0", omittingEmptySubsequences: false)
            guard let header = parts.first?.split(separator: "\u{1f}", maxSplits: 2, omittingEmptySubsequences: false), header.count == 3 else {
                return nil
            }
            let files = parts.dropFirst()
                .map { $0.hasPrefix("\n") ? $0.dropFirst() : $0 }
                .filter { !$0.isEmpty }
                .map(String.init)
            return GitCommitFact(hash: String(header[0]), subject: String(header[2]), files: files,
                                 parents: header[1].split(separator: " ").map(String.init))
        }
    }

    /// The commits from `head` back to the newest one whose subject `matches`, that one left out,
    /// newest first and each with the files it changed; every commit when none matches. One
    /// `git log` when it is among the 64 newest, as the previous cycle's commit is; else the
    /// subjects are read on, without the files, and only the range is listed with them.
    public func commits(upTo head: String, sinceNewest matches: (String) -> Bool) async throws -> [GitCommitFact] {
        let recent = try await commits(since: .beginning, upTo: head, limit: Self.recentPage)
        if let bound = recent.firstIndex(where: { matches($0.subject) }) {
            // Without a merge, the commits `git log` lists before that one are the range since it;
            // a merged branch's commits may be older than it and listed after it.
            guard recent[..<bound].contains(where: { $0.parents.count > 1 }) else { return Array(recent[..<bound]) }
            return try await commits(since: .commit(recent[bound].hash), upTo: head)
        }
        if recent.count < Self.recentPage { return recent }
        let previous = try await newestCommit(upTo: head, skipping: Self.recentPage, where: matches)
        return try await commits(since: previous.map { .commit($0) } ?? .beginning, upTo: head)
    }

    /// How many commits are read first when looking for the previous cycle's.
    private static let recentPage = 64

    /// The newest commit from `head` back, past the first `skipping`, whose subject `matches`;
    /// `nil` when none does. Subjects only: the files of the commits passed are not wanted.
    private func newestCommit(upTo head: String, skipping: Int, where matches: (String) -> Bool) async throws -> String? {
        for line in try await git.run(["log", "--format=%H%x1f%s", "--skip=\(skipping)", head, "--"]).split(separator: "\n") {
            guard let separator = line.firstIndex(of: "\u{1f}") else { continue }
            if matches(String(line[line.index(after: separator)...])) { return String(line[..<separator]) }
        }
        return nil
    }

    /// The current branch, an unborn branch, or the commit a detached HEAD is at.
    public func branch() async throws -> GitBranch {
        try await status().branch
    }

    /// How many files are modified, staged, untracked and conflicted.
    public func treeState() async throws -> GitTreeState {
        try await status().treeState
    }

    /// The branch, HEAD's commit and the tree state, from one `git status` (a second command
    /// only on a detached HEAD, for git's abbreviation of its hash).
    ///
    /// devlog's own files are not the user's work and are left out: `files` (paths, absolute or
    /// relative to the current directory; its database, which a status read while it is being
    /// created would count or not by chance) and the devlog `directory` (from the top level), whose
    /// thousands of archived devlogs git then neither stats nor lists.
    public func status(ignoring files: [String] = [], directory: String? = nil) async throws -> GitStatus {
        var own = WorkTreePaths(directory: git.directory.path).relative(files).sorted()
        if let directory { own.append(try Archiver.relativePath(directory, field: "devlog directory")) }
        let pathspecs = own.isEmpty ? [] : ["--", ":/"] + own.map { ":(top,literal,exclude)\($0)" }
        // No optional locks: status would otherwise rewrite the user's index to refresh its
        // stat data, work that is not ours to do (and that an editor running git may contend for).
        // Pathspec magic on and case kept, whatever the user's environment says.
        let output = try await git.run(["status", "--porcelain=v2", "--branch", "-z", "--untracked-files=all"] + pathspecs,
                                       environment: ["GIT_OPTIONAL_LOCKS": "0", "GIT_LITERAL_PATHSPECS": "0", "GIT_ICASE_PATHSPECS": "0"])
        var head: String?
        var name = ""
        var state = GitTreeState()
        var records = output.split(separator: "\0")[...]
        while let record = records.popFirst() {
            if record.hasPrefix("# branch.oid ") {
                let oid = record.dropFirst("# branch.oid ".count)
                head = oid == "(initial)" ? nil : String(oid)
                continue
            }
            if record.hasPrefix("# branch.head ") {
                name = String(record.dropFirst("# branch.head ".count))
                continue
            }
            switch record.first {
            case "?": state.untracked += 1
            case "u": state.conflicted += 1
            case "1", "2":
                // `1 XY …` changed, `2 XY …` renamed or copied: then its original path follows.
                if record.first == "2" { _ = records.popFirst() }
                let xy = Array(record.dropFirst(2).prefix(2))
                guard xy.count == 2 else { continue }
                if xy[0] != "." { state.staged += 1 }
                if xy[1] != "." { state.modified += 1 }
            default: continue  // other `#` headers; `!` (ignored) is not asked for
            }
        }
        let branch: GitBranch
        // `(detached)` is also a valid branch name: only symbolic-ref tells them apart.
        if name == "(detached)", try await git.execute(["symbolic-ref", "-q", "HEAD"]).status != 0 {
            branch = .detached(shortHash: try await git.run(["rev-parse", "--short", "HEAD"]).trimmedLine)
        } else {
            branch = head == nil ? .unborn(name) : .named(name)
        }
        return GitStatus(branch: branch, head: head, treeState: state)
    }

    private func headCommit() async throws -> String? {
        let output = try await git.execute(["rev-parse", "-q", "--verify", "HEAD^{commit}"])
        if output.status == 0 { return output.stdout.trimmedLine }
        // Tell "no commits yet" apart from "not a repository".
        try await git.run(["rev-parse", "--git-dir"])
        return nil
    }
}
