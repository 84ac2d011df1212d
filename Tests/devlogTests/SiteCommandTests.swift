import DevlogKit
import DevlogTestSupport
import Foundation
import Testing

/// `devlog site` and the site step of `devlog cycle`, run as an agent runs them.
@Suite struct SiteCommandTests {
    private static func project(config: String? = nil) throws -> CommandRunner {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devlog-site-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".devlog"), withIntermediateDirectories: true)
        if let config { try Data(config.utf8).write(to: folder.appendingPathComponent(".devlog/config.yaml")) }
        let runner = CommandRunner(folder: folder)
        #expect(try runner.run(["init"]).status == 0)
        return runner
    }

    @Test func theConfigFilesSiteSectionIsReadAndChecked() throws {
        let config = try ConfigFile.parse("""
            site:
              directory: public/devlogs
              commit_url: https://git.example.org/team/repo/commit/{hash}
              discord_server: "123456"
            """, file: "config.yaml", folder: "/projects/p")
        #expect(config.site == SiteSettings(directory: "/projects/p/public/devlogs", commitURL: "https://git.example.org/team/repo/commit/{hash}",
                                            discordServer: "123456"))
        for (text, field) in [("site:\n  commit_url: https://x.org/commit\n", "site.commit_url"), ("site:\n  discord_server: my server\n", "site.discord_server"),
                              ("site:\n  folder: x\n", "site.folder")] {
            let error = try #require(throws: ConfigFileError.self) { try ConfigFile.parse(text, file: "config.yaml", folder: "/p") }
            #expect(error.description.contains(field), "\(error)")
        }
    }

    @Test func aCycleRefreshesTheSiteWithLinksToItsCommit() throws {
        let runner = try Self.project(config: "site:\n  directory: public\n  commit_url: https://git.example.org/r/commit/{hash}\n")
        let example = SharedFixtures.repositoryRoot.appendingPathComponent("examples/agent-7-cycle-3.yaml").path
        let result = try runner.run(["cycle", "--import", example, "--no-publish", "--no-archive"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("site: succeeded — "))
        let site = runner.folder.appendingPathComponent("public")
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("Agent-7"))
        // A commit recorded for the cycle is linked on its page at the next refresh; nothing else is rewritten.
        let id = try #require(try runner.run(["cycles"]).stdout.split(separator: "\t").first.map(String.init))
        let project = try DevlogProject(configuration: .init(folder: runner.folder.path), logger: .init(label: "test"))
        try project.store.recordFacts([FactKey.commitHash: "0123456789abcdef0123456789abcdef01234567"], cycleID: Int64(id) ?? 0)
        let again = try runner.run(["site", "--json"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("\"written\" : 1"), "\(again.stdout)")
        let page = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("cycles").path)
        let html = try String(contentsOf: site.appendingPathComponent("cycles/\(try #require(page.first))"), encoding: .utf8)
        #expect(html.contains("<a href=\"https://git.example.org/r/commit/0123456789abcdef0123456789abcdef01234567\">0123456789ab</a>"))
    }

    @Test func everyPageOfTheExamplesSiteIsWellFormed() throws {
        let runner = try TrendsCommandTests.examplesProject()
        // The corpus too when it is beside the checkout: real devlogs, real markdown.
        if SharedFixtures.isAvailable { #expect(try runner.run(["import", SharedFixtures.corpus.path]).status == 0) }
        #expect(try runner.run(["site", "-o", "site"]).status == 0)
        let site = runner.folder.appendingPathComponent("site")
        let pages = (FileManager.default.enumerator(atPath: site.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".html") }.map { site.appendingPathComponent($0) }
        #expect(pages.count >= 7)
        #expect(try HTMLCheck.problems(in: pages) == [])
    }

    @Test func aUsersFolderIsRefusedAndUntouched() throws {
        let runner = try Self.project()
        let mine = runner.folder.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        try Data("my notes".utf8).write(to: mine.appendingPathComponent("index.html"))
        let result = try runner.run(["site", "-o", "mine"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("mine: the folder is not empty and holds no .devlog-site"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: mine.path) == ["index.html"])
        #expect(try String(contentsOf: mine.appendingPathComponent("index.html"), encoding: .utf8) == "my notes")
        let unnamed = try runner.run(["site"])
        #expect(unnamed.status == 64 && unnamed.stderr.contains("-o DIR"))
    }
}
