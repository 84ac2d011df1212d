import Foundation
import Synchronization

/// What an archive commits onto, read from the repository before the devlog is rendered: the
/// work tree's top level, HEAD, the devlog directory as HEAD holds it, and a scratch index
/// already holding HEAD's tree. ``Archiver/prepare(in:options:)`` reads it while the caller
/// does other work (the devlog's git facts), so those git commands overlap.
///
/// It also holds the two commands that will commit onto that index, started so that their
/// start-up is over by the time there is something to commit. Deleting the scratch index is this
/// object's job: it goes when the object does (the commands, unused, end on their own).
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
    /// The commit's commands, until an archive takes them.
    private let commands: Mutex<ArchiveRepository.CommitCommands?>

    init(top: URL, head: String?, headTree: String?, directory: String, committedTexts: [String: String],
         committedFiles: [String: ArchiveRepository.TreeFile], scratchIndex: URL, commands: ArchiveRepository.CommitCommands?) {
        self.top = top
        self.head = head
        self.headTree = headTree
        self.directory = directory
        self.committedTexts = committedTexts
        self.committedFiles = committedFiles
        self.scratchIndex = scratchIndex
        self.commands = Mutex(commands)
    }

    /// The commands started for the commit; `nil` once taken (each serves one commit).
    func takeCommands() -> ArchiveRepository.CommitCommands? {
        commands.withLock { commands in
            defer { commands = nil }
            return commands
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: scratchIndex)
    }
}
