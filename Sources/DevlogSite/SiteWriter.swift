import Crypto
import DevlogModel
public import DevlogTrends
import Foundation
public import Logging
import Synchronization

/// Writes a static site of devlogs into one folder: an index, a page per devlog (its markdown as
/// HTML), and a page per agent and per mission with a chart of each numeric metric.
///
/// The same devlogs give the same bytes, and a page is written only when its bytes change; pages
/// of devlogs no longer given are removed at ``finish(trends:)``. The manifest keeps a digest of
/// what each devlog's page was made from, so an unchanged devlog's markdown is not converted
/// again (converting is most of a site's time). The folder is marked with a
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
        var files: [String: String] = [:]
        var written = 0
        var unchanged = 0
    }

    /// The site's folder.
    public let directory: String
    private let configuration: Configuration
    private let logger: Logger
    /// The files of the previous run; a devlog's page with `source:page`, the digests of what it
    /// was made from and of its bytes ("" for the other pages).
    private let previous: [String: String]
    private let state = Mutex(State())
    /// The open lock file, held with `flock` from opening to deinit.
    private let lock: Int32
    /// What a devlog page's digest starts with: a page made by this build from a fixed devlog, so
    /// a build that lays pages out differently converts every devlog again.
    private static let layout: String = {
        let probe = SiteDevlog(id: 0, name: "probe", title: "probe", agent: "a", mission: "m", cycle: "1", date: "d", status: "s",
                               markdown: "# H\n\n- **a:** b\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n`c` <i> [l](u\"v) ![i](p\"q)\n\n```x\"y\nz\n```",
                               commit: .init(text: "c", url: "u"), discord: .init(text: "d", url: nil))
        return digest(Data(SitePages.devlog(probe, configuration: Configuration()).utf8))
    }()

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
        let manifest = (directory as NSString).appendingPathComponent(SitePath.manifest)
        if manager.fileExists(atPath: directory, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw SiteError.notOurs(directory) }
            let names = try manager.contentsOfDirectory(atPath: directory)
            guard names.isEmpty || Self.manifestLines(manifest) != nil else { throw SiteError.notOurs(directory) }
        } else {
            do {
                try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw SiteError.writeFailed(directory, reason: (error as NSError).localizedDescription)
            }
        }
        for folder in SitePath.folders {
            let path = (directory as NSString).appendingPathComponent(folder)
            if let type = try? manager.attributesOfItem(atPath: path)[.type] as? FileAttributeType, type == .typeSymbolicLink {
                throw SiteError.linkedFolder(path)
            }
        }
        // Two agents' `devlog cycle` may refresh one site at once: the second waits for the first,
        // then reads the manifest the first wrote.
        let lockPath = (directory as NSString).appendingPathComponent(SitePath.lock)
        lock = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard lock >= 0, flock(lock, LOCK_EX) == 0 else {
            if lock >= 0 { close(lock) }
            throw SiteError.writeFailed(lockPath, reason: String(cString: strerror(errno)))
        }
        var files: [String: String] = [:]
        for line in Self.manifestLines(manifest) ?? [] {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard let path = parts.first.map(String.init), SitePath.isOwn(path) else { continue }
            files[path] = parts.count == 2 ? String(parts[1]) : ""
        }
        previous = files
        if Self.manifestLines(manifest) == nil {
            // Marked before the first page is written: a run killed half-way leaves a folder a
            // rerun accepts.
            do {
                try Data((SitePath.manifestHeader + "\n").utf8).write(to: URL(fileURLWithPath: manifest), options: .atomic)
            } catch {
                close(lock)
                throw SiteError.writeFailed(manifest, reason: (error as NSError).localizedDescription)
            }
        }
    }

    deinit {
        close(lock)
    }

    /// The manifest's lines after its header, `nil` when there is no manifest of ours.
    private static func manifestLines(_ path: String) -> [Substring]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard lines.first == Substring(SitePath.manifestHeader) else { return nil }
        return Array(lines.dropFirst())
    }

    /// Writes a devlog's page (when its bytes changed) and keeps what the index and the agent
    /// and mission pages need of it.
    public func add(_ devlog: SiteDevlog) throws {
        let path = "cycles/\(devlog.name).html"
        let source = Self.digest(Self.layout, devlog.name, devlog.title, devlog.agent ?? "\u{1}", devlog.mission ?? "\u{1}", devlog.cycle, devlog.date,
                                 devlog.status ?? "\u{1}", devlog.markdown, devlog.commit?.text ?? "\u{1}", devlog.commit?.url ?? "\u{1}",
                                 devlog.discord?.text ?? "\u{1}", devlog.discord?.url ?? "\u{1}", configuration.title)
        // The page is kept when it was made from the same devlog and still holds what was written.
        var record: String
        let changed: Bool
        if let before = previous[path], before.hasPrefix(source + ":"),
           let bytes = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(path)),
           before == source + ":" + Self.digest(bytes) {
            record = before
            changed = false
        } else {
            let page = Data(SitePages.devlog(devlog, configuration: configuration).utf8)
            record = source + ":" + Self.digest(page)
            changed = try write(page, to: path)
        }
        var kept = devlog
        kept.markdown = ""
        state.withLock { state in
            state.devlogs[devlog.id] = kept
            state.files[path] = record
            if changed { state.written += 1 } else { state.unchanged += 1 }
        }
    }

    /// The hex SHA-256 of `parts`, each ended by a zero byte so no two lists of parts run together.
    private static func digest(_ parts: String...) -> String {
        var hash = SHA256()
        for part in parts {
            hash.update(data: Data(part.utf8))
            hash.update(data: Data([0]))
        }
        return hash.finalize().lowercaseHex
    }

    /// The hex SHA-256 of a page's bytes.
    private static func digest(_ bytes: Data) -> String {
        SHA256.hash(data: bytes).lowercaseHex
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
            files[path] = ""
            if try write(Data(text.utf8), to: path) { counts.written += 1 } else { counts.unchanged += 1 }
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
        for path in previous.keys.filter({ files[$0] == nil }).sorted() {
            let full = (directory as NSString).appendingPathComponent(path)
            // Only a regular file: a link or folder put there is not a page this site wrote.
            guard let type = try? FileManager.default.attributesOfItem(atPath: full)[.type] as? FileAttributeType, type == .typeRegular else { continue }
            try FileManager.default.removeItem(atPath: full)
            removed += 1
        }
        let listed = files.sorted { $0.key < $1.key }.map { $0.value.isEmpty ? $0.key : "\($0.key) \($0.value)" }
        _ = try write(Data((([SitePath.manifestHeader] + listed).joined(separator: "\n") + "\n").utf8), to: SitePath.manifest)
        let (pagesWritten, pagesUnchanged) = state.withLock { ($0.written, $0.unchanged) }
        let report = Report(written: pagesWritten + counts.written, unchanged: pagesUnchanged + counts.unchanged, removed: removed)
        logger.info("site written", metadata: [
            "site.directory": "\(directory)", "site.written": "\(report.written)", "site.unchanged": "\(report.unchanged)",
            "site.removed": "\(report.removed)",
        ])
        return report
    }

    /// Writes `data` to `path` under the folder unless the file already holds exactly it;
    /// whether it wrote. Atomic: a reader sees the old page or the new one.
    private func write(_ data: Data, to path: String) throws -> Bool {
        let full = (directory as NSString).appendingPathComponent(path)
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
