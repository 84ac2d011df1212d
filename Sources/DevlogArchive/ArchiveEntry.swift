/// One rendered devlog to archive.
public struct ArchiveEntry: Sendable, Equatable {
    /// The devlog's markdown text.
    public var markdown: String
    /// The file's path relative to its day folder in the devlog directory (`agent-6-cycle-2.md`;
    /// subdirectories allowed, `..` and the index's own name are not).
    public var fileName: String
    /// What the commit message names, and the date that picks the day folder; the indexes
    /// themselves are read from the files' text.
    public var metadata: DevlogMetadata

    /// Creates an entry with explicit metadata.
    public init(markdown: String, fileName: String, metadata: DevlogMetadata) {
        self.markdown = markdown
        self.fileName = fileName
        self.metadata = metadata
    }

    /// Creates an entry whose metadata is read from the markdown itself.
    public init(markdown: String, fileName: String) {
        self.init(markdown: markdown, fileName: fileName, metadata: DevlogMetadata(markdown: markdown))
    }

    /// The conventional commit subject: `docs(devlog): Agent-6 cycle 2 — performance_optimization_task`.
    /// Parts the metadata lacks are left out; with no agent the file name stands in.
    public var commitSubject: String {
        func oneLine(_ text: String) -> String {
            text.split(whereSeparator: \.isNewline).joined(separator: " ")
        }
        var subject = oneLine(metadata.agent.isEmpty ? fileName : metadata.agent)
        if !metadata.cycle.isEmpty { subject += " cycle \(oneLine(metadata.cycle))" }
        if !metadata.mission.isEmpty { subject += " — \(oneLine(metadata.mission))" }
        return "\(Archiver.commitPrefix)\(subject)"
    }
}
