@testable import DevlogPublish
import Testing

@Suite("WebhookURL")
struct WebhookURLTests {
    static let token = "AbC-123_xyzTOKENvalue"

    @Test("Discord's URL variants normalise to discord.com API v10", arguments: [
        "https://discord.com/api/webhooks/123456/\(token)",
        "https://discordapp.com/api/webhooks/123456/\(token)",
        "https://canary.discord.com/api/webhooks/123456/\(token)",
        "https://ptb.discord.com/api/v9/webhooks/123456/\(token)",
        "https://discord.com/api/v10/webhooks/123456/\(token)/",
        "  https://discord.com/api/v6/webhooks/123456/\(token)?wait=true \n",
    ])
    func variants(_ text: String) throws {
        let url = try WebhookURL(parsing: text)
        #expect(url.id == "123456")
        #expect(url.threadID == nil)
        #expect(url.redacted == "https://discord.com/api/v10/webhooks/123456/***")
        #expect(url.url("/messages/9", query: [("a", "b")]) == "https://discord.com/api/v10/webhooks/123456/\(Self.token)/messages/9?a=b")
    }

    @Test("thread_id is kept and loopback http is accepted for tests")
    func threadAndLoopback() throws {
        let url = try WebhookURL(parsing: "http://127.0.0.1:8080/api/webhooks/42/\(Self.token)?thread_id=777")
        #expect(url.threadID == "777")
        #expect(url.redacted == "http://127.0.0.1:8080/api/v10/webhooks/42/***")
    }

    @Test("every way of printing hides the token")
    func redactedEverywhere() throws {
        let url = try WebhookURL(parsing: "https://discord.com/api/webhooks/123456/\(Self.token)")
        var dumped = ""
        dump(url, to: &dumped)
        let shown = ["\(url)", String(describing: url), String(reflecting: url), dumped, "\([url])", "\(Optional(url) as Any)"]
        for text in shown {
            #expect(!text.contains(Self.token), "token shown in \(text)")
            #expect(text.contains("123456"))
        }
    }

    @Test("bad URLs are refused with errors that never repeat the URL", arguments: [
        ("https://evil.com/api/webhooks/1/\(token)", "host"),
        ("http://discord.com/api/webhooks/1/\(token)", "host"),
        ("https://discord.com:8443/api/webhooks/1/\(token)", "host"),
        ("https://discord.com/webhooks/1/\(token)", "path"),
        ("https://discord.com/api/webhooks/1", "path"),
        ("https://discord.com/api/webhooks/abc/\(token)", "id"),
        ("https://discord.com/api/webhooks/1/\(token)%20x", "token"),
        ("https://discord.com/api/webhooks/1/\(token)?thread_id=x\(token)", "thread_id"),
        ("not a url \(token)", "URL"),
    ])
    func refused(_ text: String, mentions: String) {
        #expect {
            _ = try WebhookURL(parsing: text)
        } throws: { error in
            let description = "\(error)"
            return error is WebhookURLError && description.contains(mentions) && !description.contains(Self.token)
        }
    }
}
