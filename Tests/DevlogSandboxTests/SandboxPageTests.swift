import Foundation
import Testing
@testable import DevlogSandbox

@Suite("Sandbox: introspection page and list")
struct SandboxPageTests {
    @Test("the page escapes everything a client sent")
    func escapes() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, _ in
            let evil = "<script>alert('x')</script>"
            _ = try await SandboxTestHTTP.request(
                "POST", base, SandboxTestPaths.execute,
                json: [
                    "content": .string("**\(evil)** `\(evil)`\n```\n\(evil)\n```"), "username": .string("<img src=x onerror=1>"),
                    "embeds": [["title": .string(evil), "description": .string(evil), "fields": [["name": .string(evil), "value": .string(evil)]],
                        "footer": ["text": .string(evil)], "author": ["name": .string(evil)]]],
                ])
            let page = try await SandboxTestHTTP.request("GET", base, "/", contentType: nil)
            #expect(page.status == 200)
            #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
            #expect(!page.text.contains("<script"))
            #expect(!page.text.contains("<img"))
            #expect(page.text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
            #expect(page.text.contains("&lt;img src=x onerror=1&gt;"))
        }
    }

    @Test("the page renders Discord markdown and embeds as coloured cards, with no external assets")
    func renders() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, _ in
            _ = try await SandboxTestHTTP.request(
                "POST", base, SandboxTestPaths.execute,
                json: [
                    "content": "# Cycle 12\n**done** and *tidy*\n- one\n- two\n```\nlet x = 1\n```",
                    "embeds": [["title": "Summary", "color": 5_763_719, "fields": [["name": "Tests", "value": "42", "inline": true]]]],
                ])
            let page = try await SandboxTestHTTP.request("GET", base, "/", contentType: nil).text
            #expect(page.contains("<h1>Cycle 12</h1>"))
            #expect(page.contains("<strong>done</strong>"))
            #expect(page.contains("<em>tidy</em>"))
            #expect(page.contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>"))
            #expect(page.contains("<pre><code>let x = 1</code></pre>"))
            #expect(page.contains("border-left-color:#57f287"))
            #expect(page.contains("field inline"))
            #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("<link"))
        }
    }

    @Test("deleted messages leave the page but stay in /messages, flagged")
    func deleted() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, _ in
            let first = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.executeWaiting, json: ["content": "gone-soon"])
            let id = try #require(first.json?["id"]?.stringValue)
            _ = try await SandboxTestHTTP.request("PATCH", base, SandboxTestPaths.message(id), json: ["content": "edited-once"])
            _ = try await SandboxTestHTTP.request("DELETE", base, SandboxTestPaths.message(id), contentType: nil)
            let form = SandboxTestHTTP.multipart(payload: ["content": "stays"], files: [("a.md", [1, 2])])
            _ = try await SandboxTestHTTP.request(
                "POST", base, SandboxTestPaths.execute + "?thread_id=77", body: form.body, contentType: form.contentType)
            let page = try await SandboxTestHTTP.request("GET", base, "/", contentType: nil).text
            #expect(!page.contains("edited-once"))
            #expect(page.contains("stays"))
            let list = try #require(await SandboxTestHTTP.request("GET", base, "/messages", contentType: nil).json?.arrayValue)
            #expect(list.count == 2)
            #expect(list[0]["id"]?.stringValue == id)
            #expect(list[0]["deleted"] == true)
            #expect(list[0]["edit_count"] == 1)
            #expect(list[0]["content"] == "edited-once")
            #expect(list[1]["deleted"] == false)
            #expect(list[1]["thread_id"] == "77")
            #expect(list[1]["attachments"] == [["filename": "a.md", "size": 2]])
        }
    }

    @Test("unknown paths get Discord's 404 body")
    func notFound() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, _ in
            let reply = try await SandboxTestHTTP.request("GET", base, "/nowhere", contentType: nil)
            #expect(reply.status == 404)
            #expect(reply.json == ["message": "404: Not Found", "code": 0])
        }
    }
}
