public import DevlogRender
import Foundation

extension DevlogProject {
    /// A devlog rendered from a stored cycle.
    public struct Generated: Sendable {
        /// The cycle's id.
        public var cycleID: Int64
        /// The markdown.
        public var markdown: String
        /// The default file name under `devlogs/`.
        public var fileName: String
    }

    /// Renders a stored cycle with the project's templates.
    public func generate(_ selection: CycleSelection, renderer: DevlogRenderer? = nil) throws -> Generated {
        let stored = try cycle(selection)
        let devlog = stored.devlog
        let markdown = try (renderer ?? self.renderer()).render(devlog)
        let cycle = devlog.cycle
        let name = DevlogFileName.make(date: cycle.date, agent: devlog.agent?.id ?? "", mission: devlog.mission?.id ?? "",
                                       cycle: cycle.number.map(String.init) ?? cycle.label)
        return Generated(cycleID: stored.id, markdown: markdown, fileName: name)
    }

    /// Writes text to a file atomically (a reader never sees half a devlog), creating folders.
    public func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw ProjectError.writeFailed(path, reason: (error as NSError).localizedDescription)
        }
    }

    /// The default output path of a generated devlog: under the devlogs folder.
    public func defaultPath(for generated: Generated) -> String {
        (configuration.devlogsDirectory as NSString).appendingPathComponent(generated.fileName)
    }
}
