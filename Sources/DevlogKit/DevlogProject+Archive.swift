public import DevlogArchive
import DevlogModel
import Logging
public import Foundation

extension DevlogProject {
    /// Archives a cycle into the git repository at `repository`: fills commit, branch and Discord
    /// details the records leave out (from facts recorded for the cycle, read from git the first
    /// time), renders it, and commits it with the devlog index.
    ///
    /// Rerunning on an archived cycle writes the same file and so makes no commit.
    public func archive(_ selection: CycleSelection, repository: URL, options: ArchiveOptions) async throws -> ArchiveOutcome {
        // HEAD's devlogs and tree are read while the facts are: the git commands overlap.
        try await archive(selection, repository: repository, options: options, prepared: prepareArchive(repository: repository, options: options))
    }

    /// Starts reading what the archive commits onto (``Archiver/prepare(in:options:)``).
    func prepareArchive(repository: URL, options: ArchiveOptions) -> Task<PreparedArchive, any Error> {
        Self.prepareArchive(repository: repository, options: options, logger: logger)
    }

    /// ``prepareArchive(repository:options:)`` before a project is open.
    static func prepareArchive(repository: URL, options: ArchiveOptions, logger: Logger) -> Task<PreparedArchive, any Error> {
        let archiver = Archiver(logger: logger)
        return Task { try await archiver.prepare(in: repository, options: options) }
    }

    /// ``archive(_:repository:options:)`` onto an archive prepared (or being prepared) already;
    /// `rendered`, when given, is the cycle generated with its git facts already recorded.
    func archive(_ selection: CycleSelection, repository: URL, options: ArchiveOptions,
                 prepared: Task<PreparedArchive, any Error>, rendered: Generated? = nil) async throws -> ArchiveOutcome {
        let stored = try cycle(selection)
        let generated: Generated
        if let rendered {
            generated = rendered
        } else {
            try await recordGitFacts(cycleID: stored.id, repository: repository, options: options)
            generated = try generate(.id(stored.id))
        }
        let (agent, mission, cycle) = generated.devlog.agentMissionCycle
        let metadata = DevlogMetadata(date: cycle.date, agent: agent?.id ?? "", mission: mission?.id ?? "",
                                      cycle: cycle.label, status: mission?.status?.text ?? "")
        let entry = ArchiveEntry(markdown: generated.markdown, fileName: generated.fileName, metadata: metadata)
        let result = try await Archiver(logger: logger).archive(entry, onto: try await prepared.value, options: options)
        return ArchiveOutcome(cycleID: stored.id, path: result.paths.first ?? generated.fileName, commit: result.commit,
                              pushed: result.pushed, pushAttempts: result.pushAttempts)
    }

    /// Reads the cycle's commits, branch and tree state from git and records them, the first
    /// time only: later runs render the same devlog.
    public func recordGitFacts(cycleID: Int64, repository: URL, options: ArchiveOptions = ArchiveOptions()) async throws {
        try await recordGitFacts(cycleID: cycleID, repository: repository, options: options, reading: nil)
    }

    /// ``recordGitFacts(cycleID:repository:options:)`` from a reading of git started already
    /// (``readGit(repository:options:)``), or read now when `reading` is `nil`.
    func recordGitFacts(cycleID: Int64, repository: URL, options: ArchiveOptions, reading: Task<GitReading, any Error>?) async throws {
        guard try store.facts(cycleID: cycleID)[FactKey.branch] == nil else { return }
        let devlog = try cycle(.id(cycleID)).devlog
        let read = try await (reading ?? Self.readGit(repository: repository, options: options, storePath: store.path, logger: logger)).value
        try store.recordFacts(try await gitFacts(for: devlog, read, repository: repository, options: options), cycleID: cycleID)
    }

    /// Starts reading the status and HEAD's history, which need only the repository: a cycle
    /// reads them while it opens the store, imports and checks the records. The database at
    /// `storePath` (and its WAL, shared-memory and journal files) is not the user's work: it
    /// does not count as untracked.
    static func readGit(repository: URL, options: ArchiveOptions, storePath: String, logger: Logger) -> Task<GitReading, any Error> {
        let git = GitFacts(repository: repository, environment: options.gitEnvironment, logger: logger)
        let storeFiles = ["", "-wal", "-shm", "-journal"].map { storePath + $0 }
        return Task {
            // The history is read beside the status; on an unborn branch it fails and is not needed.
            async let history = git.commits(since: .beginning, upTo: "HEAD")
            let status = try await git.status(ignoring: storeFiles)
            guard status.head != nil else {
                _ = try? await history
                return GitReading(status: status, history: [])
            }
            return GitReading(status: status, history: try await history)
        }
    }

    /// The cycle's commits (since the previous cycle's archive commit, up to this cycle's own
    /// first archive commit), the branch and the tree state.
    private func gitFacts(for devlog: Devlog, _ read: GitReading, repository: URL, options: ArchiveOptions) async throws -> [String: String] {
        var facts: [String: String] = [:]
        facts[FactKey.branch] = "\(read.status.branch)"
        facts[FactKey.treeState] = "\(read.status.treeState)"
        guard let head = read.status.head else { return facts }
        let records = devlog.agentMissionCycle
        let agent = records.agent?.id ?? ""
        let own = ArchiveEntry(markdown: "", fileName: "x.md", metadata: DevlogMetadata(agent: agent, mission: records.mission?.id ?? "",
                                                                                        cycle: records.cycle.label)).commitSubject
        let all = read.history
        let archived = all.filter { $0.subject.hasPrefix(Archiver.commitPrefix) }
        // `git log` order: newest first. The previous cycle's archive commit bounds the range;
        // without one, the range is the whole history already read.
        let previous = archived.first { $0.subject.hasPrefix(Archiver.commitPrefix + agent + " ") && $0.subject != own }
        var commits = all
        if let previous {
            let git = GitFacts(repository: repository, environment: options.gitEnvironment, logger: logger)
            commits = try await git.commits(since: .commit(previous.hash), upTo: head)
        }
        if let ownCommit = archived.last(where: { $0.subject == own }), let cut = commits.firstIndex(where: { $0.hash == ownCommit.hash }) {
            commits = Array(commits[(cut + 1)...])
        }
        commits.removeAll { $0.subject.hasPrefix(Archiver.commitPrefix) }
        guard let newest = commits.first else { return facts }
        facts[FactKey.commitHash] = String(newest.hash.prefix(12))
        facts[FactKey.commitMessage] = newest.subject
        facts[FactKey.filesChanged] = "\(Set(commits.flatMap(\.files)).count)"
        facts[FactKey.commitList] = commits.prefix(20).map { "`\($0.hash.prefix(7))` \($0.subject) (\($0.files.count) files)" }.joined(separator: "\n")
        return facts
    }
}
