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
        guard try await headCommit() != nil else { return [] }
        var arguments = ["-c", "core.quotePath=false", "log", "-z", "--name-only", "--format=%x1e%H%x1f%s"]
        switch since {
        case .commit(let hash): arguments.append("\(hash)..HEAD")
        case .date(let date):
            // ISO 8601 in UTC; git reads `--since=@0` as "no limit", so no raw timestamps.
            arguments += ["--since=\(ISO8601DateFormatter().string(from: date))", "HEAD"]
        case .beginning: arguments.append("HEAD")
        }
        arguments.append("--")
        let output = try await git.run(arguments)
        // Each record: `\x1e<hash>\x1f<subject>\0`, then `\n` and NUL-terminated file names.
        return output.split(separator: "\u{1e}").compactMap { record in
            let parts = record.split(separator: "\0", omittingEmptySubsequences: false)
            guard let header = parts.first, let separator = header.firstIndex(of: "\u{1f}") else { return nil }
            let files = parts.dropFirst()
                .map { $0.hasPrefix("\n") ? $0.dropFirst() : $0 }
                .filter { !$0.isEmpty }
                .map(String.init)
            return GitCommitFact(
                hash: String(header[..<separator]),
                subject: String(header[header.index(after: separator)...]),
                files: files)
        }
    }

    /// The current branch, an unborn branch, or the commit a detached HEAD is at.
    public func branch() async throws -> GitBranch {
        let symbolic = try await git.execute(["symbolic-ref", "-q", "--short", "HEAD"])
        if symbolic.status == 0 {
            let name = symbolic.stdout.trimmedLine
            return try await headCommit() == nil ? .unborn(name) : .named(name)
        }
        let short = try await git.run(["rev-parse", "--short", "HEAD"]).trimmedLine
        return .detached(shortHash: short)
    }

    /// How many files are modified, staged, untracked and conflicted.
    public func treeState() async throws -> GitTreeState {
        let output = try await git.run(["status", "--porcelain=v1", "-z", "--untracked-files=all"])
        var state = GitTreeState()
        var records = output.split(separator: "\0")[...]
        while let record = records.popFirst() {
            guard record.count >= 3 else { continue }
            let x = record[record.startIndex]
            let y = record[record.index(after: record.startIndex)]
            // Renames and copies are followed by their original path.
            if x == "R" || x == "C" { _ = records.popFirst() }
            if x == "?" { state.untracked += 1; continue }
            if x == "!" { continue }
            if x == "U" || y == "U" || (x == "A" && y == "A") || (x == "D" && y == "D") {
                state.conflicted += 1
                continue
            }
            if x != " " { state.staged += 1 }
            if y != " " { state.modified += 1 }
        }
        return state
    }

    private func headCommit() async throws -> String? {
        let output = try await git.execute(["rev-parse", "-q", "--verify", "HEAD^{commit}"])
        if output.status == 0 { return output.stdout.trimmedLine }
        // Tell "no commits yet" apart from "not a repository".
        try await git.run(["rev-parse", "--git-dir"])
        return nil
    }
}
