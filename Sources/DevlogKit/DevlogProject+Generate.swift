public import DevlogModel
public import DevlogRender
import DevlogArchive
import DevlogStore
import Foundation

extension DevlogProject {
    /// A devlog rendered from a stored cycle.
    public struct Generated: Sendable {
        /// The cycle's id.
        public var cycleID: Int64
        /// The devlog as rendered, with recorded facts filled into its placeholders.
        public var devlog: Devlog
        /// The markdown.
        public var markdown: String
        /// The default file name in its day folder, never another cycle's (``DevlogFileName``).
        public var fileName: String
        /// The date its name and day folder go by (``DevlogFileName/date(of:)``).
        public var date: String
    }

    /// Renders a stored cycle with the project's templates, filling placeholders (`Commit Hash:
    /// Pending`…) from the facts recorded for it: git's, and where it was posted on Discord.
    ///
    /// - Parameter discordFacts: `false` for the text that is itself posted: where a devlog was
    ///   posted is not part of the post, or recording it would turn every rerun into an edit.
    public func generate(_ selection: CycleSelection, discordFacts: Bool = true, renderer: DevlogRenderer? = nil) throws -> Generated {
        let stored = try cycle(selection)
        var facts = try store.facts(cycleID: stored.id)
        if discordFacts {
            facts = try withPublication(facts, cycleID: stored.id)
        } else {
            facts = facts.filter { !$0.key.hasPrefix("discord.") }
        }
        return try render(stored, facts: facts, renderer: renderer ?? self.renderer())
    }

    /// Recorded facts plus where the cycle was posted; recorded values win.
    func withPublication(_ recorded: [String: String], cycleID: Int64) throws -> [String: String] {
        recorded.merging(try publicationFacts(cycleID: cycleID)) { recorded, _ in recorded }
    }

    /// Renders a stored cycle with the facts to fill in.
    func render(_ stored: StoredDevlog, facts: [String: String], renderer: DevlogRenderer) throws -> Generated {
        let devlog = stored.devlog.fillingPlaceholders(with: facts)
        let markdown = try renderer.render(devlog)
        return Generated(cycleID: stored.id, devlog: devlog, markdown: markdown, fileName: DevlogFileName.make(for: stored),
                         date: DevlogFileName.date(of: stored.devlog))
    }

    /// Writes text to a file atomically (a reader never sees half a devlog), creating folders;
    /// a file that already says exactly this is left untouched.
    public func write(_ text: String, to path: String) throws {
        do {
            try WorkTreeFile.write(text, to: path)
        } catch let error as WorkTreeFile.WriteError {
            throw ProjectError.writeFailed(error.path, reason: error.reason)
        }
    }

    /// The default output path of a generated devlog: in its day folder under the devlogs folder,
    /// where `devlog archive` writes it too.
    public func defaultPath(for generated: Generated) -> String {
        [configuration.devlogsDirectory, DayFolderIndex.folder(forDate: generated.date), generated.fileName]
            .reduce("") { ($0 as NSString).appendingPathComponent($1) }
    }
}
