import Foundation

/// What an archive commits onto, read from the repository before the devlog is rendered: the
/// work tree's top level, HEAD, the devlog directory as HEAD holds it, and a scratch index
/// already holding HEAD's tree. ``Archiver/prepare(in:options:)`` reads it while the caller
/// does other work (the devlog's git facts), so those git commands overlap.
///
/// Deleting the scratch index is this object's job: it goes when the object does.
public final class PreparedArchive: Sendable {
    /// The work tree's top level.
    public let top: URL
    /// HEAD's commit; `nil` on an unborn branch.
    public let head: String?
    /// HEAD's tree; `nil` on an unborn branch.
    let headTree: String?
    /// The devlog directory relative to `top`.
    let directory: String
    /// Text of every devlog and of the index in HEAD's devlog directory, by path from `top`.
    let committedTexts: [String: String]
    /// Files of HEAD's devlog directory, by path from `top`.
    let committedFiles: [String: ArchiveRepository.TreeFile]
    /// A `GIT_INDEX_FILE` holding HEAD's tree (empty on an unborn branch).
    let scratchIndex: URL

    init(top: URL, head: String?, headTree: String?, directory: String, committedTexts: [String: String],
         committedFiles: [String: ArchiveRepository.TreeFile], scratchIndex: URL) {
        self.top = top
        self.head = head
        self.headTree = headTree
        self.directory = directory
        self.committedTexts = committedTexts
        self.committedFiles = committedFiles
        self.scratchIndex = scratchIndex
    }

    deinit {
        try? FileManager.default.removeItem(at: scratchIndex)
    }
}
