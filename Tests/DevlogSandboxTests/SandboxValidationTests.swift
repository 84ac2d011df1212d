import Foundation
import Testing
@testable import DevlogSandbox

@Suite("Sandbox: Discord's validation errors")
struct SandboxValidationTests {
    private static func text(_ count: Int) -> SandboxJSON { .string(String(repeating: "a", count: count)) }

    /// One over-limit body per limit, with the error path and code Discord reports for it.
    static let overLimits: [(name: String, body: SandboxJSON, path: [String], code: String, message: String)] = [
        ("content", ["content": text(2001)], ["content"], "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length."),
        ("embeds", ["embeds": .array(Array(repeating: ["title": "t"], count: 11))], ["embeds"],
            "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length."),
        ("title", ["embeds": [["title": text(257)]]], ["embeds", "0", "title"],
            "BASE_TYPE_MAX_LENGTH", "Must be 256 or fewer in length."),
        ("description", ["embeds": [["title": "ok"], ["description": text(4097)]]], ["embeds", "1", "description"],
            "BASE_TYPE_MAX_LENGTH", "Must be 4096 or fewer in length."),
        ("fields", ["embeds": [["fields": .array(Array(repeating: ["name": "n", "value": "v"], count: 26))]]],
            ["embeds", "0", "fields"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."),
        ("field name", ["embeds": [["fields": [["name": "n", "value": "v"], ["name": text(257), "value": "v"]]]]],
            ["embeds", "0", "fields", "1", "name"], "BASE_TYPE_MAX_LENGTH", "Must be 256 or fewer in length."),
        ("field value", ["embeds": [["fields": [["name": "n", "value": text(1025)]]]]],
            ["embeds", "0", "fields", "0", "value"], "BASE_TYPE_MAX_LENGTH", "Must be 1024 or fewer in length."),
        ("field without value", ["embeds": [["fields": [["name": "n"]]]]],
            ["embeds", "0", "fields", "0", "value"], "BASE_TYPE_REQUIRED", "This field is required"),
        ("footer", ["embeds": [["footer": ["text": text(2049)]]]], ["embeds", "0", "footer", "text"],
            "BASE_TYPE_MAX_LENGTH", "Must be 2048 or fewer in length."),
        ("author", ["embeds": [["author": ["name": text(257)]]]], ["embeds", "0", "author", "name"],
            "BASE_TYPE_MAX_LENGTH", "Must be 256 or fewer in length."),
        ("embed total", ["embeds": [["description": text(4000)], ["description": text(2001)]]], ["embeds"],
            "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000"),
        ("empty username", ["content": "x", "username": ""], ["username"],
            "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 80 in length."),
        ("long username", ["content": "x", "username": text(81)], ["username"],
            "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 80 in length."),
        ("discord in username", ["content": "x", "username": "My DISCORD bot"], ["username"],
            "USERNAME_INVALID_CONTAINS", "Username cannot contain \"discord\""),
        ("clyde in username", ["content": "x", "username": "Clydesdale"], ["username"],
            "USERNAME_INVALID_CONTAINS", "Username cannot contain \"clyde\""),
        ("content not a string", ["content": 5], ["content"], "BASE_TYPE_STRING", "Must be a string."),
    ]

    @Test("each limit: 400, code 50035, Discord's nested error path", arguments: overLimits.indices)
    func overLimit(index: Int) async throws {
        let limit = Self.overLimits[index]
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            let reply = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: limit.body)
            #expect(reply.status == 400, "\(limit.name)")
            let json = try #require(reply.json)
            #expect(json["code"] == 50035, "\(limit.name)")
            #expect(json["message"] == "Invalid Form Body", "\(limit.name)")
            var node: SandboxJSON? = json["errors"]
            for key in limit.path { node = node?[key] }
            let errors = try #require(node?["_errors"]?.arrayValue, "\(limit.name): no errors at \(limit.path)")
            #expect(errors.contains(["code": .string(limit.code), "message": .string(limit.message)]), "\(limit.name): \(errors)")
            #expect(state.messages.isEmpty, "\(limit.name): nothing stored")
        }
    }

    @Test("the exact limits are accepted")
    func atLimits() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            let fields = SandboxJSON.array(Array(repeating: ["name": "n", "value": "v"], count: 25))
            let bodies: [SandboxJSON] = [
                ["content": Self.text(2000), "username": Self.text(80)],
                ["embeds": .array(Array(repeating: ["title": "t"], count: 10))],
                ["embeds": [["title": Self.text(256), "description": Self.text(4096), "fields": fields]]],
                ["embeds": [["description": Self.text(4000)], ["description": Self.text(2000)]]],
            ]
            for body in bodies {
                let reply = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: body)
                #expect(reply.status == 204, "\(reply.text)")
            }
            #expect(state.messages.count == bodies.count)
        }
    }

    @Test("content length counts code points: 2000 emoji (4000 UTF-16 units) pass, 2001 do not")
    func codePoints() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, _ in
            let fits = try await SandboxTestHTTP.request(
                "POST", base, SandboxTestPaths.execute, json: ["content": .string(String(repeating: "😀", count: 2000))])
            #expect(fits.status == 204)
            let over = try await SandboxTestHTTP.request(
                "POST", base, SandboxTestPaths.execute, json: ["content": .string(String(repeating: "😀", count: 2001))])
            #expect(over.json?["code"] == 50035)
        }
    }

    @Test("several problems are reported together")
    func severalErrors() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, _ in
            let reply = try await SandboxTestHTTP.request(
                "POST", base, SandboxTestPaths.execute,
                json: ["content": Self.text(2001), "username": "discord", "embeds": [["title": Self.text(300)]]])
            let errors = try #require(reply.json?["errors"]?.objectValue)
            #expect(Set(errors.keys) == ["content", "username", "embeds"])
        }
    }

    @Test("empty message: 400, code 50006", arguments: [
        SandboxJSON.object([:]), ["content": ""], ["content": nil, "embeds": []], ["username": "only a name"],
    ])
    func emptyMessage(body: SandboxJSON) async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, _ in
            let reply = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: body)
            #expect(reply.status == 400)
            #expect(reply.json == ["message": "Cannot send an empty message", "code": 50006])
        }
    }

    @Test("an empty body is an empty message, not bad JSON")
    func emptyBody() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, _ in
            let reply = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute)
            #expect(reply.json?["code"] == 50006)
        }
    }

    @Test("malformed JSON: 400, code 50109")
    func badJSON() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, _ in
            let reply = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, body: Array("{\"content\": ".utf8))
            #expect(reply.status == 400)
            #expect(reply.json?["code"] == 50109)
        }
    }

    @Test("more than 10 files: 400, code 30015")
    func tooManyFiles() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            let form = SandboxTestHTTP.multipart(payload: ["content": "x"], files: (0...10).map { ("f\($0).txt", [0x41]) })
            let reply = try await SandboxTestHTTP.request(
                "POST", base, SandboxTestPaths.execute, body: form.body, contentType: form.contentType)
            #expect(reply.status == 400)
            #expect(reply.json?["code"] == 30015)
            #expect(state.messages.isEmpty)
        }
    }

    @Test("a file over the size limit: 413, code 40005")
    func fileTooLarge() async throws {
        var configuration = SandboxTestPaths.roomy
        configuration.maxFileSize = 1024
        try await DiscordSandbox.withRunning(configuration) { base, state in
            let fits = SandboxTestHTTP.multipart(payload: nil, files: [("ok.bin", Array(repeating: 1, count: 1024))])
            let ok = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, body: fits.body, contentType: fits.contentType)
            #expect(ok.status == 204)
            let big = SandboxTestHTTP.multipart(payload: nil, files: [("big.bin", Array(repeating: 1, count: 1025))])
            let reply = try await SandboxTestHTTP.request(
                "POST", base, SandboxTestPaths.execute, body: big.body, contentType: big.contentType)
            #expect(reply.status == 413)
            #expect(reply.json == ["message": "Request entity too large", "code": 40005])
            #expect(state.messages.count == 1)
        }
    }

    @Test("unknown webhook (when only configured ones are accepted): 404, code 10015")
    func unknownWebhook() async throws {
        var configuration = SandboxTestPaths.roomy
        configuration.acceptsUnknownWebhooks = false
        try await DiscordSandbox.withRunning(configuration) { base, _ in
            let reply = try await SandboxTestHTTP.request("POST", base, "/api/v10/webhooks/555/whatever", json: ["content": "x"])
            #expect(reply.status == 404)
            #expect(reply.json == ["message": "Unknown Webhook", "code": 10015])
        }
    }

    @Test("wrong token for a known webhook: 401, code 50027")
    func wrongToken() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            let reply = try await SandboxTestHTTP.request(
                "POST", base, "/api/v10/webhooks/\(SandboxTestPaths.hook.id)/not-the-token", json: ["content": "x"])
            #expect(reply.status == 401)
            #expect(reply.json == ["message": "Invalid Webhook Token", "code": 50027])
            #expect(state.messages.isEmpty)
        }
    }

    @Test("a webhook id that is not a snowflake: 50035 on webhook_id")
    func notSnowflake() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, _ in
            let reply = try await SandboxTestHTTP.request("POST", base, "/api/v10/webhooks/abc/token", json: ["content": "x"])
            #expect(reply.status == 400)
            #expect(reply.json?["errors"]?["webhook_id"]?["_errors"]?.arrayValue?.first?["code"] == "NUMBER_TYPE_COERCE")
        }
    }
}
