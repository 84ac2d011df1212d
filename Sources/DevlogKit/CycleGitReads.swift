import DevlogArchive
public import Logging

/// The git reads of a cycle job, started before the project is open: opening (or creating) the
/// store is the longest thing a cycle does before it needs git, and git runs beside it.
///
/// Pass it to ``DevlogProject/runCycle(_:gitReads:)``; when the project cannot be opened,
/// ``finish()`` lets the reads end and their scratch files go.
public struct CycleGitReads: Sendable {
    let reading: Task<GitReading, any Error>?
    let prepared: Task<PreparedArchive, any Error>?

    /// Starts what `job` reads from git (nothing when it does not archive), the store's files at
    /// `storePath` aside.
    public init(for job: CycleJob, storePath: String, logger: Logger) {
        reading = job.archive
            ? DevlogProject.readGit(repository: job.repository, options: job.archiveOptions, storePath: storePath, logger: logger) : nil
        // With no publish in between (seconds, in which HEAD may move), HEAD's devlogs are read
        // for the archive now too.
        prepared = job.archive && !job.publish
            ? DevlogProject.prepareArchive(repository: job.repository, options: job.archiveOptions, logger: logger) : nil
    }

    /// Waits for the reads, whatever they end in.
    public func finish() async {
        _ = try? await reading?.value
        _ = try? await prepared?.value
    }
}
