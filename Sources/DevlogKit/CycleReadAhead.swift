import DevlogArchive
public import Logging

/// What a cycle job reads before its project is open: git, and the files it imports. Opening
/// (or creating) the store is the longest thing a cycle does before it needs either, and these
/// run beside it.
///
/// Pass it to ``DevlogProject/runCycle(_:readAhead:)``; when the project cannot be opened,
/// ``finish()`` lets the git reads end and their scratch files go.
public struct CycleReadAhead: Sendable {
    let reading: Task<GitReading, any Error>?
    let prepared: Task<PreparedArchive, any Error>?

    /// Starts what `job` reads from git (nothing when it does not archive), the store's files at
    /// `storePath` aside, and the reading of the files it imports.
    public init(for job: CycleJob, storePath: String, logger: Logger) {
        reading = job.archive
            ? DevlogProject.readGit(repository: job.repository, options: job.archiveOptions, storePath: storePath, logger: logger) : nil
        // With no publish in between (seconds, in which HEAD may move), HEAD's devlogs are read
        // for the archive now too.
        prepared = job.archive && !job.publish
            ? DevlogProject.prepareArchive(repository: job.repository, options: job.archiveOptions, logger: logger) : nil
    }

    /// Waits for the git reads, whatever they end in.
    public func finish() async {
        _ = try? await reading?.value
        _ = try? await prepared?.value
    }
}
