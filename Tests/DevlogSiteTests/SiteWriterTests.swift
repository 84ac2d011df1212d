import DevlogModel
import DevlogSite
import DevlogTestSupport
import DevlogTrends
import Foundation
import Logging
import Testing

@Suite struct SiteWriterTests {
    private let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    private static func devlog(_ id: Int64, agent: String = "Agent-7", markdown: String? = nil) -> SiteDevlog {
        SiteDevlog(id: id, name: "2026-11-0\(id)_\(agent)_cache_cycle-\(id)", title: "Cycle \(id) <of> \"cache\"", agent: agent, mission: "cache",
                   cycle: "\(id)", date: "2026-11-0\(id)", status: "In Progress",
                   markdown: markdown ?? "# Cycle \(id)\n\n| Metric | Value |\n| --- | --- |\n| Coverage | \(80 + id)% |\n",
                   commit: .init(text: "abc1234", url: "https://example.com/commit/abc1234"), discord: .init(text: "message 42", url: nil))
    }

    private static func trends(_ ids: [Int64], agent: (Int64) -> String = { _ in "Agent-7" }) -> Trends {
        Trends(cycles: ids.map { TrendCycle(id: $0, label: "\($0)", date: "2026-11-0\($0)", agent: agent($0), mission: "cache") },
               values: ids.map { MetricValue(cycleID: $0, group: "Quality", label: "Coverage", value: "\(80 + $0)%") },
               tasks: Dictionary(uniqueKeysWithValues: ids.map { ($0, TaskTally(completed: Int($0), total: 4)) }))
    }

    private func write(_ devlogs: [SiteDevlog], trends: Trends, to folder: URL) throws -> SiteWriter.Report {
        let writer = try SiteWriter(directory: folder.path, logger: logger)
        for devlog in devlogs { try writer.add(devlog) }
        return try writer.finish(trends: trends)
    }

    private static func files(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            let url = folder.appendingPathComponent(path)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                result[path] = try Data(contentsOf: url)
            }
        }
        return result
    }

    private static func scratch() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("devlog-site-\(UUID().uuidString)")
    }

    @Test func theSameDevlogsGiveTheSameBytesAndARerunWritesNothing() throws {
        let (one, two) = (Self.scratch(), Self.scratch())
        let devlogs = [Self.devlog(1), Self.devlog(2), Self.devlog(3, agent: "Agent 5")]
        let trends = Self.trends([1, 2, 3]) { $0 == 3 ? "Agent 5" : "Agent-7" }
        let first = try write(devlogs, trends: trends, to: one)
        // Added in another order, from other threads' point of view: still the same bytes.
        _ = try write(devlogs.reversed(), trends: trends, to: two)
        let files = try Self.files(one)
        #expect(files == (try Self.files(two)))
        #expect(first.written == files.count - 2 && first.removed == 0) // all but the manifest and the lock file
        #expect(Set(files.keys).isSuperset(of: ["index.html", "style.css", ".devlog-site", "agents/Agent-7.html", "missions/cache.html",
                                                 "cycles/2026-11-01_Agent-7_cache_cycle-1.html"]))
        let modified = try FileManager.default.attributesOfItem(atPath: one.appendingPathComponent("index.html").path)[.modificationDate] as? Date
        let again = try write(devlogs, trends: trends, to: one)
        #expect(again.written == 0 && again.unchanged == first.written && again.removed == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: one.appendingPathComponent("index.html").path)[.modificationDate] as? Date == modified)
    }

    @Test func aPageEditedByHandIsWrittenAgainAndAChangedDevlogsPageToo() throws {
        let folder = Self.scratch()
        let trends = Self.trends([1, 2])
        _ = try write([Self.devlog(1), Self.devlog(2)], trends: trends, to: folder)
        let one = folder.appendingPathComponent("cycles/2026-11-01_Agent-7_cache_cycle-1.html")
        let original = try Data(contentsOf: one)
        try Data("edited".utf8).write(to: one)
        var changed = Self.devlog(2)
        changed.markdown += "\nOne more line.\n"
        let report = try write([Self.devlog(1), changed], trends: trends, to: folder)
        #expect(report.written == 2)
        #expect(try Data(contentsOf: one) == original)
        let two = try String(contentsOf: folder.appendingPathComponent("cycles/2026-11-02_Agent-7_cache_cycle-2.html"), encoding: .utf8)
        #expect(two.contains("One more line."))
    }

    @Test func pagesShowTablesChartsLinksAndAgentHTMLAsText() throws {
        let folder = Self.scratch()
        let hostile = Self.devlog(2, markdown: "# Hi\n\n<script>alert(1)</script>\n\nText <b onclick=\"x\">bold</b> and `<code>`.\n")
        _ = try write([Self.devlog(1), hostile], trends: Self.trends([1, 2]), to: folder)
        let page = try String(contentsOf: folder.appendingPathComponent("cycles/2026-11-01_Agent-7_cache_cycle-1.html"), encoding: .utf8)
        #expect(page.contains("<table>") && page.contains("<td>81%</td>"))
        #expect(page.contains("<a href=\"https://example.com/commit/abc1234\">abc1234</a>") && page.contains("<dd>message 42</dd>"))
        #expect(page.contains("<title>Cycle 1 &lt;of&gt; &quot;cache&quot; — Devlogs</title>"))
        let escaped = try String(contentsOf: folder.appendingPathComponent("cycles/2026-11-02_Agent-7_cache_cycle-2.html"), encoding: .utf8)
        #expect(!escaped.contains("<script") && escaped.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!escaped.contains("<b onclick") && escaped.contains("&lt;code&gt;"))
        let agent = try String(contentsOf: folder.appendingPathComponent("agents/Agent-7.html"), encoding: .utf8)
        #expect(agent.contains("<svg") && agent.contains("<polyline points=\"56.0,"))
        #expect(agent.contains("<title id=\"chart-2-title\">Coverage (%) over 2 cycles</title>"))
        #expect(agent.contains("<desc id=\"chart-2-desc\">From 81 in cycle 1 (2026-11-01) to 82 in cycle 2 (2026-11-02); lowest 81, highest 82.</desc>"))
        #expect(agent.contains("<tr><td>2</td><td>2026-11-02</td><td>82%</td></tr>"))
        // No script, and nothing loaded from elsewhere.
        #expect(!agent.contains("<script") && !agent.contains("src=") && !agent.contains("https://"))
        let index = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        // Newest first.
        let newer = try #require(index.range(of: "cycles/2026-11-02_Agent-7_cache_cycle-2.html"))
        let older = try #require(index.range(of: "cycles/2026-11-01_Agent-7_cache_cycle-1.html"))
        #expect(newer.lowerBound < older.lowerBound)
    }

    @Test func everyPageIsWellFormedAndADevlogAddsNoAttribute() throws {
        let folder = Self.scratch()
        // Links first: Ink reads from an unclosed tag to the end as one piece of HTML.
        let hostile = """
            Line  \nbreak ![img](x.png) [x](http://a" onmouseover="alert(1)) ![y](b.png"/><i>) [z](http://a"><i>)

            ```x"><i>
            z
            ```

            ---

            Unclosed <div> and <p>tags

            """
        let devlogs = [Self.devlog(1), Self.devlog(2, markdown: hostile), Self.devlog(3)]
        _ = try write(devlogs, trends: Self.trends([1, 2, 3]), to: folder)
        let pages = try Self.files(folder).keys.filter { $0.hasSuffix(".html") }.sorted().map { folder.appendingPathComponent($0) }
        #expect(pages.count == 6)
        #expect(try HTMLCheck.problems(in: pages) == [])
        for page in pages {
            let elements = try HTMLCheck.elements(in: String(contentsOf: page, encoding: .utf8))
            #expect(!elements.contains { $0.tag == "i" || $0.names.contains { $0.hasPrefix("on") } }, "\(page.lastPathComponent)")
        }
    }

    @Test func aGoneDevlogsPageIsRemovedAndNothingOutsideTheSite() throws {
        let parent = Self.scratch()
        let folder = parent.appendingPathComponent("site")
        _ = try write([Self.devlog(1), Self.devlog(2), Self.devlog(3, agent: "Agent-8")], trends: Self.trends([1, 2, 3]) { $0 == 3 ? "Agent-8" : "Agent-7" },
                      to: folder)
        // A manifest edited to name files outside the site, or a folder, removes none of them.
        let outside = parent.appendingPathComponent("keep.html")
        try Data("mine".utf8).write(to: outside)
        let manifest = folder.appendingPathComponent(".devlog-site")
        try (String(contentsOf: manifest, encoding: .utf8) + "../keep.html\n/etc/hostname\ncycles\n").write(to: manifest, atomically: true, encoding: .utf8)
        let report = try write([Self.devlog(1)], trends: Self.trends([1]), to: folder)
        #expect(report.removed == 3) // cycle 2's and 3's pages, Agent-8's page
        #expect(FileManager.default.fileExists(atPath: outside.path))
        #expect(FileManager.default.fileExists(atPath: "/etc/hostname"))
        let files = try Self.files(folder).keys.sorted()
        #expect(files == [".devlog-site", ".devlog-site.lock", "agents/Agent-7.html", "cycles/2026-11-01_Agent-7_cache_cycle-1.html", "index.html", "missions/cache.html", "style.css"])
    }

    @Test func aFirstRunStoppedHalfWayLeavesAFolderARerunAccepts() throws {
        let folder = Self.scratch()
        do {
            let writer = try SiteWriter(directory: folder.path, logger: logger)
            try writer.add(Self.devlog(1))
            // No finish: as if the process were killed here.
        }
        _ = try write([Self.devlog(1)], trends: Self.trends([1]), to: folder)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("index.html").path))
    }

    @Test func runsOnOneSiteTakeTurns() async throws {
        let folder = Self.scratch()
        let first = try SiteWriter(directory: folder.path, logger: logger)
        let logger = self.logger
        let second = Task.detached { try SiteWriter(directory: folder.path, logger: logger) }
        try await Task.sleep(for: .milliseconds(200))
        // The second is still waiting for the first's lock: it would read a manifest not yet written.
        try first.add(Self.devlog(1))
        _ = try first.finish(trends: Self.trends([1]))
        let manifest = try String(contentsOf: folder.appendingPathComponent(".devlog-site"), encoding: .utf8)
        _ = consume first
        let report = try await second.value.finish(trends: Trends(cycles: [], metrics: []))
        #expect(manifest.contains("cycles/2026-11-01_Agent-7_cache_cycle-1.html"))
        // It read the first's manifest: the page it did not write is removed as gone.
        #expect(report.removed >= 1)
    }

    @Test func aFolderThatIsNotASiteIsRefusedAndLeftAlone() throws {
        let folder = Self.scratch()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: folder.appendingPathComponent("index.html"))
        #expect(throws: SiteError.self) { try SiteWriter(directory: folder.path, logger: logger) }
        #expect(try Self.files(folder) == ["index.html": Data("notes".utf8)])

        let linked = Self.scratch()
        try FileManager.default.createDirectory(at: linked, withIntermediateDirectories: true)
        try Data("devlog site 1\n".utf8).write(to: linked.appendingPathComponent(".devlog-site"))
        try FileManager.default.createSymbolicLink(atPath: linked.appendingPathComponent("cycles").path, withDestinationPath: folder.path)
        let error = try #require(throws: SiteError.self) { try SiteWriter(directory: linked.path, logger: logger) }
        #expect(error.description.contains("symbolic link"))
    }
}
