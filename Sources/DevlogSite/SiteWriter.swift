public import DevlogTrends
import Foundation
public import Logging
import Synchronization

/// Writes a static site of devlogs into one folder: an index, a page per devlog (its markdown as
/// HTML), and a page per agent and per mission with a chart of each numeric metric.
///
/// The same devlogs give the same bytes, and a page is written only when its bytes change; pages
/// of devlogs no longer given are removed at ``finish(trends:)``. The folder is marked with a
/// manifest of the files written, and only a new, empty or marked folder is accepted: a folder of
/// the user's is never written into, and nothing is removed that the manifest does not list.
///
/// ``add(_:)`` may be called from many threads at once; ``finish(trends:)`` once, after them.
public final class SiteWriter: Sendable {
    /// What the site says about itself.
    public struct Configuration: Sendable, Hashable {
        /// The index page's heading and every page's title suffix.
        public var title: String

        /// The defaults.
        public init(title: String = "Devlogs") {
            self.title = title
        }
    }

    /// What a run changed.
    public struct Report: Sendable, Hashable {
        /// Files written because they were new or their bytes changed.
        public var written: Int
        /// Files left as they were.
        public var unchanged: Int
        /// Files removed because their devlog, agent or mission is gone.
        public var removed: Int
    }

    private struct State {
        var devlogs: [Int64: SiteDevlog] = [:]
        var files: Set<String> = []
        var written = 0
        var unchanged = 0
    }

    /// The site's folder.
    public let directory: String
    private let configuration: Configuration
    private let logger: Logger
    private let previous: Set<String>
    private let state = Mutex(State())

    /// Opens `directory` for a site, creating it when missing.
    ///
    /// - Throws: ``SiteError`` when the folder holds files but no site manifest, or one of the
    ///   site's folders in it is a symbolic link (writing there would write elsewhere).
    public init(directory: String, configuration: Configuration = Configuration(), logger: Logger) throws {
        self.directory = directory
        self.configuration = configuration
        self.logger = logger
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw SiteError.notOurs(directory) }
            let names = try manager.contentsOfDirectory(atPath: directory)
            let manifest = (directory as NSString).appendingPathComponent(SitePath.manifest)
            if names.isEmpty {
                previous = []
            } else if let data = manager.contents(atPath: manifest),
                      case let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init),
                      lines.first == SitePath.manifestHeader {
                previous = Set(lines.dropFirst().filter(SitePath.isOwn))
            } else {
                throw SiteError.notOurs(directory)
            }
        } else {
            do {
                try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw SiteError.writeFailed(directory, reason: (error as NSError).localizedDescription)
            }
            previous = []
        }
        for folder in SitePath.folders {
            let path = (directory as NSString).appendingPathComponent(folder)
            if let type = try? manager.attributesOfItem(atPath: path)[.type] as? FileAttributeType, type == .typeSymbolicLink {
                throw SiteError.linkedFolder(path)
            }
        }
    }

    /// Writes a devlog's page (when its bytes changed) and keeps what the index and the agent
    /// and mission pages need of it.
    public func add(_ devlog: SiteDevlog) throws {
        let path = "cycles/\(devlog.name).html"
        let changed = try write(SitePages.devlog(devlog, configuration: configuration), to: path)
        var kept = devlog
        kept.markdown = ""
        state.withLock { state in
            state.devlogs[devlog.id] = kept
            state.files.insert(path)
            if changed { state.written += 1 } else { state.unchanged += 1 }
        }
    }

    /// Writes the index, the agent and mission pages and the style sheet, removes the pages
    /// this run did not write that the previous one did, and records the manifest.
    ///
    /// - Parameter trends: the metrics of the devlogs added, whose cycles give the order (oldest first).
    public func finish(trends: Trends) throws -> Report {
        let (devlogs, written) = state.withLock { ($0.devlogs, $0.files) }
        var files = written
        var counts = (written: 0, unchanged: 0)
        func emit(_ text: String, _ path: String) throws {
            files.insert(path)
            if try write(text, to: path) { counts.written += 1 } else { counts.unchanged += 1 }
        }
        let ordered = trends.cycles.compactMap { devlogs[$0.id] }
        let newestFirst = Array(ordered.reversed())
        try emit(SiteHTML.styleSheet, "style.css")
        try emit(SitePages.index(newestFirst, configuration: configuration), "index.html")
        for (kind, key) in [(SitePages.Kind.agent, { (cycle: TrendCycle) in cycle.agent }), (.mission, { $0.mission })] {
            let groups = trends.grouped(by: key)
            var byName: [String: [SiteDevlog]] = [:]
            for devlog in newestFirst {
                if let name = kind == .agent ? devlog.agent : devlog.mission { byName[name, default: []].append(devlog) }
            }
            for (name, devlogs) in byName {
                let page = SitePages.overview(kind, name: name, devlogs: devlogs, trends: groups[name] ?? Trends(cycles: [], metrics: []),
                                              configuration: configuration)
                try emit(page, "\(kind.folder)/\(SitePath.slug(name)).html")
            }
        }
        var removed = 0
        for path in previous.subtracting(files).sorted() {
            let full = (directory as NSString).appendingPathComponent(path)
            // Only a regular file: a link or folder put there is not a page this site wrote.
            guard let type = try? FileManager.default.attributesOfItem(atPath: full)[.type] as? FileAttributeType, type == .typeRegular else { continue }
            try FileManager.default.removeItem(atPath: full)
            removed += 1
        }
        _ = try write(([SitePath.manifestHeader] + files.sorted()).joined(separator: "\n") + "\n", to: SitePath.manifest)
        let (pagesWritten, pagesUnchanged) = state.withLock { ($0.written, $0.unchanged) }
        let report = Report(written: pagesWritten + counts.written, unchanged: pagesUnchanged + counts.unchanged, removed: removed)
        logger.info("site written", metadata: [
            "site.directory": "\(directory)", "site.written": "\(report.written)", "site.unchanged": "\(report.unchanged)",
            "site.removed": "\(report.removed)",
        ])
        return report
    }

    /// Writes `text` to `path` under the folder unless the file already holds exactly it;
    /// whether it wrote. Atomic: a reader sees the old page or the new one.
    private func write(_ text: String, to path: String) throws -> Bool {
        let full = (directory as NSString).appendingPathComponent(path)
        let data = Data(text.utf8)
        if FileManager.default.contents(atPath: full) == data { return false }
        do {
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: full), options: .atomic)
        } catch {
            throw SiteError.writeFailed(full, reason: (error as NSError).localizedDescription)
        }
        return true
    }
}
