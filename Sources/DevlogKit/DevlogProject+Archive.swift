public import DevlogArchive
import DevlogModel
public import Foundation

extension DevlogProject {
    /// Archives a cycle into the git repository at `repository`: fills commit, branch and Discord
    /// details the records leave out (from facts recorded for the cycle, read from git the first
    /// time), renders it, and commits it into its day folder with the two indexes it changes.
    ///
    /// Rerunning on an archived cycle writes the same file and so makes no commit.
    public func archive(_ selection: CycleSelection, repository: URL, options: ArchiveOptions) async throws -> ArchiveOutcome {
        try await archive(selection, repository: repository, options: options, rendered: nil)
    }

    /// ``archive(_:repository:options:)``; `rendered`, when given, is the cycle generated with its
    /// git facts already recorded.
    func archive(_ selection: CycleSelection, repository: URL, options: ArchiveOptions, rendered: Generated?) async throws -> ArchiveOutcome {
        let stored = try cycle(selection)
        let generated: Generated
        if let rendered {
            generated = rendered
        } else {
            try await recordGitFacts(cycleID: stored.id, repository: repository, options: options)
            generated = try generate(.id(stored.id))
        }
        let (agent, mission, cycle) = generated.devlog.agentMissionCycle
        let metadata = DevlogMetadata(date: generated.date, agent: agent?.id ?? "", mission: mission?.id ?? "",
                                      cycle: cycle.label, status: mission?.status?.text ?? "")
        let entry = ArchiveEntry(markdown: generated.markdown, fileName: generated.fileName, metadata: metadata)
        let result = try await Archiver(logger: logger).archive(entry, in: repository, options: options)
        return ArchiveOutcome(cycleID: stored.id, path: result.paths.first ?? generated.fileName, commit: result.commit,
                              pushed: result.pushed, pushAttempts: result.pushAttempts)
    }

    /// Reads the cycle's commits, branch and tree state from git and records them, the first
    /// time only: later runs render the same devlog. devlog's own files are not the user's work
    /// and do not count in the tree state: the database (and its WAL, shared-memory and journal
    /// files) and the devlog directory.
    public func recordGitFacts(cycleID: Int64, repository: URL, options: ArchiveOptions = ArchiveOptions()) async throws {
        guard try store.facts(cycleID: cycleID)[FactKey.branch] == nil else { return }
        let devlog = try cycle(.id(cycleID)).devlog
        let git = GitFacts(repository: repository, environment: options.gitEnvironment, logger: logger)
        let status = try await git.status(ignoring: store.localFiles, directory: options.directory)
        try store.recordFacts(try await gitFacts(for: devlog, status: status, git: git), cycleID: cycleID)
    }

    /// The cycle's commits (since the previous cycle's archive commit, up to this cycle's own
    /// first archive commit), the branch and the tree state.
    private func gitFacts(for devlog: Devlog, status: GitStatus, git: GitFacts) async throws -> [String: String] {
        var facts: [String: String] = [:]
        facts[FactKey.branch] = "\(status.branch)"
        facts[FactKey.treeState] = "\(status.treeState)"
        guard let head = status.head else { return facts }
        let records = devlog.agentMissionCycle
        let agent = records.agent?.id ?? ""
        let own = ArchiveEntry(markdown: "", fileName: "x.md", metadata: DevlogMetadata(agent: agent, mission: records.mission?.id ?? "",
                                                                                        cycle: records.cycle.label)).commitSubject
        // The previous cycle's archive commit bounds the range, found without reading the
        // history behind it; without one, the range is the whole history.
        var commits = try await git.commits(upTo: head) { $0.hasPrefix(Archiver.commitPrefix + agent + " ") && $0 != own }
        // `git log` order: newest first. This cycle's own first archive commit ends its range.
        if let cut = commits.lastIndex(where: { $0.subject == own }) {
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
