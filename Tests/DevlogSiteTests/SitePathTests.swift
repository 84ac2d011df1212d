@testable import DevlogSite
import Testing

@Suite struct SitePathTests {
    @Test func safeNamesStayAndOthersAreKeptApart() {
        #expect(SitePath.slug("Agent-7") == "Agent-7")
        #expect(SitePath.slug("Agent 7") != SitePath.slug("Agent/7"))
        #expect(SitePath.slug("Agent 7").hasPrefix("Agent-7-"))
        #expect(SitePath.slug("..") != ".." && !SitePath.slug("..").hasPrefix("."))
    }

    @Test(arguments: [("index.html", true), ("cycles/a.html", true), ("style.css", true), ("../x.html", false), ("/etc/x.html", false),
                      ("cycles/../../x.html", false), ("other/a.html", false), ("cycles/.hidden.html", false), ("cycles/a.md", false)])
    func theManifestNamesOnlyPagesInsideTheSite(_ path: String, _ own: Bool) {
        #expect(SitePath.isOwn(path) == own)
    }
}
