import Foundation

extension ArchiveRepository {
    /// Pushes HEAD's branch; when others pushed first, waits as `retry` says, rebases the archive
    /// commits onto the remote branch and tries again. Returns the pushed commit and the number of
    /// pushes tried.
    func push(retry: ArchiveOptions.PushRetry) async throws -> (tip: String, attempts: Int) {
        let symbolic = try await git.execute(["symbolic-ref", "-q", "HEAD"])
        guard symbolic.status == 0 else { throw ArchiveError.detachedHead }
        let branchRef = symbolic.stdout.trimmedLine
        let branch = String(branchRef.dropFirst("refs/heads/".count))
        // A branch tracking another local branch (remote ".") still publishes to origin.
        let configured = try await config("branch.\(branch).remote")
        let remote = configured.flatMap { $0 == "." ? nil : $0 } ?? "origin"
        let target = configured == "." || configured == nil ? branchRef : (try await config("branch.\(branch).merge") ?? branchRef)
        let upstream = CredentialRedactor.redact("\(remote)/\(target.hasPrefix("refs/heads/") ? String(target.dropFirst(11)) : target)")

        let clock = ContinuousClock()
        let start = clock.now
        var attempt = 0
        while true {
            attempt += 1
            guard let tip = try await resolve("HEAD^{commit}") else { throw ArchiveError.detachedHead }
            let arguments = ["push", "--porcelain", remote, "\(tip):\(target)"]
            let output = try await git.execute(arguments)
            let text = [output.stdout, output.stderr].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            let elapsed = clock.now - start
            switch PushDecision.after(status: output.status, output: text, attempt: attempt, elapsed: elapsed,
                                      retry: retry, draw: Double.random(in: 0..<1)) {
            case .done:
                return (tip, attempt)
            case .fail:
                throw GitError.failed(arguments: arguments, directory: git.directory, status: output.status, stderr: text)
            case .giveUp:
                throw ArchiveError.pushRejected(attempts: attempt, elapsed: elapsed, upstream: upstream, gitText: text)
            case .rebaseAndRetry(let delay):
                git.logger.info("devlog push rejected, rebasing", metadata: ["git.upstream": "\(upstream)", "git.attempt": "\(attempt)"])
                try await Task.sleep(for: delay)
                try await git.run(["fetch", "--quiet", remote, target])
                guard let remoteTip = try await resolve("FETCH_HEAD^{commit}") else {
                    throw ArchiveError.pushRejected(attempts: attempt, elapsed: clock.now - start, upstream: upstream, gitText: text)
                }
                try await rebaseArchiveCommits(from: tip, onto: remoteTip, upstream: upstream)
            }
        }
    }

    private func config(_ key: String) async throws -> String? {
        let output = try await git.execute(["config", "--get", key])
        return output.status == 0 ? output.stdout.trimmedLine : nil
    }

    /// One archive commit to replay: the devlogs it set and how, or a move into day folders,
    /// which is made again on the new base.
    private struct Replay {
        var relayout = false
        var devlogs: [String: String]
        var previous: [String: String]
        var message: String
        var author: [String: String]
    }

    /// Replays the commits between `remoteTip` and `tip` (all archive commits, or nothing
    /// happens) onto `remoteTip`, bringing the indexes up to date each time, then moves HEAD and
    /// the work tree there the way `git checkout` would, keeping the user's own changes.
    private func rebaseArchiveCommits(from tip: String, onto remoteTip: String, upstream: String) async throws {
        let own = try await git.run(["rev-list", "--reverse", "\(remoteTip)..\(tip)"]).split(separator: "\n").map(String.init)
        var replays: [Replay] = []
        for commit in own {
            if let replay = try await replay(of: commit) { replays.append(replay) }
        }
        if replays.count < own.count {
            throw ArchiveError.foreignCommits(count: own.count - replays.count, upstream: upstream)
        }

        var base = remoteTip
        for replay in replays {
            if replay.relayout {
                // Moved again on their tip; nothing left to move (they moved them too) drops it.
                guard let (tree, _, _) = try await relayout(base: base) else { continue }
                base = try await commitTree(tree, parent: base, message: replay.message, environment: replay.author)
                continue
            }
            for (path, blob) in replay.devlogs {
                let theirs = try await resolve("\(base):\(path)")
                if let theirs, theirs != blob, theirs != replay.previous[path] {
                    throw ArchiveError.conflict(path: path, upstream: upstream)
                }
            }
            let built: String
            do {
                built = try await buildTree(base: base, devlogs: replay.devlogs)
            } catch let error as ArchiveError where error.isOutsideDayFolders {
                throw ArchiveError.remoteOutsideDayFolders(upstream: upstream)
            }
            // The remote already holds the same devlogs: like `git rebase`, drop the empty commit.
            if try await tree(of: base) == built { continue }
            base = try await commitTree(built, parent: base, message: replay.message, environment: replay.author)
        }

        try await advance(from: tip, to: base, message: "devlog: rebase archive commits onto \(upstream)") {
            ArchiveError.localUpdateFailed(upstream: upstream, gitText: $0)
        }
    }

    /// What `commit` did, when it is an archive commit: one parent at most, the archive subject
    /// prefix, and only devlog files (added or changed) under the directory.
    private func replay(of commit: String) async throws -> Replay? {
        let fields = try await git.run(["log", "-1", "--date=raw", "--format=%P%x00%an%x00%ae%x00%ad%x00%B", commit])
            .split(separator: "\0", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 5 else { return nil }
        let parents = fields[0].split(separator: " ")
        guard parents.count <= 1, fields[4].hasPrefix(Archiver.commitPrefix) else { return nil }
        let author = ["GIT_AUTHOR_NAME": fields[1], "GIT_AUTHOR_EMAIL": fields[2], "GIT_AUTHOR_DATE": fields[3]]
        if Archiver.isRelayout(fields[4]) {
            return Replay(relayout: true, devlogs: [:], previous: [:], message: fields[4], author: author)
        }
        let files = try await git.run(["diff-tree", "-r", "-z", "--no-commit-id", "--name-only", "--root", commit])
            .split(separator: "\0").map(String.init).filter { !$0.isEmpty }
        guard !files.isEmpty, files.allSatisfy({ $0.hasPrefix("\(directory)/") }) else { return nil }
        var replay = Replay(devlogs: [:], previous: [:], message: fields[4], author: author)
        for path in files where !isIndex(path) {
            guard let blob = try await resolve("\(commit):\(path)") else { return nil }
            replay.devlogs[path] = blob
            if let parent = parents.first, let previous = try await resolve("\(parent):\(path)") {
                replay.previous[path] = previous
            }
        }
        return replay
    }
}
