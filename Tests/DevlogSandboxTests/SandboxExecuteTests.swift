import DevlogTestSupport
import Foundation
import Testing
@testable import DevlogSandbox

@Suite("Sandbox: execute webhook")
struct SandboxExecuteTests {
    @Test("without wait: 204, empty body, message stored")
    func executeWithoutWait() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            let reply = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: ["content": "hello"])
            #expect(reply.status == 204)
            #expect(reply.body.isEmpty)
            #expect(state.messages.map(\.content) == ["hello"])
            #expect(state.messages.first?.username == DiscordSandbox.Configuration.defaultWebhookName)
        }
    }

    @Test("wait=true: 200 with Discord's message object")
    func executeWithWait() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            let reply = try await SandboxTestHTTP.request(
                "POST", base, SandboxTestPaths.executeWaiting,
                json: ["content": "**shipped**", "username": "Cycle 12", "embeds": [["title": "Summary", "color": 5_763_719]]])
            #expect(reply.status == 200)
            #expect(reply.headers["content-type"] == "application/json")
            let message = try #require(reply.json)
            let id = try #require(message["id"]?.stringValue)
            #expect(UInt64(id) != nil, "id is a snowflake string")
            #expect(message["content"] == "**shipped**")
            #expect(message["channel_id"]?.stringValue == DiscordSandbox.Configuration.defaultChannelID)
            #expect(message["webhook_id"]?.stringValue == SandboxTestPaths.hook.id)
            #expect(message["author"]?["username"] == "Cycle 12")
            #expect(message["author"]?["bot"] == true)
            #expect(message["embeds"]?.arrayValue?.first?["title"] == "Summary")
            #expect(message["embeds"]?.arrayValue?.first?["color"] == 5_763_719)
            #expect(message["embeds"]?.arrayValue?.first?["type"] == "rich")
            let timestamp = try #require(message["timestamp"]?.stringValue)
            #expect(timestamp.hasSuffix("+00:00"))
            #expect(message["edited_timestamp"] == .null)
            #expect(state.message(id: id)?.username == "Cycle 12")
        }
    }

    @Test("ids are snowflakes that grow with each message")
    func snowflakesIncrease() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, _ in
            var ids: [UInt64] = []
            for index in 0..<3 {
                let reply = try await SandboxTestHTTP.request(
                    "POST", base, SandboxTestPaths.executeWaiting, json: ["content": .string("n\(index)")])
                ids.append(try #require(reply.json?["id"]?.stringValue.flatMap { UInt64($0) }))
            }
            #expect(ids == ids.sorted())
            #expect(Set(ids).count == 3)
            // Discord's epoch is 2015-01-01; the top bits hold milliseconds since then.
            let milliseconds = Double(ids[0] >> 22) + 1_420_070_400_000
            #expect(abs(milliseconds / 1000 - Date().timeIntervalSince1970) < 3600)
        }
    }

    @Test("unversioned /api/webhooks path works too")
    func unversionedPath() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            let hook = SandboxTestPaths.hook
            let reply = try await SandboxTestHTTP.request(
                "POST", base, "/api/webhooks/\(hook.id)/\(hook.token)", json: ["content": "old path"])
            #expect(reply.status == 204)
            #expect(state.messages.count == 1)
        }
    }

    @Test("multipart: payload_json and files[n] become content and attachments")
    func multipartWithFiles() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            let form = SandboxTestHTTP.multipart(
                payload: ["content": "with files"],
                files: [("devlog.md", Array("# Cycle\r\n--not a boundary\r\n".utf8)), ("b.txt", [1, 2, 3])])
            let reply = try await SandboxTestHTTP.request(
                "POST", base, SandboxTestPaths.executeWaiting, body: form.body, contentType: form.contentType)
            #expect(reply.status == 200)
            let attachments = try #require(reply.json?["attachments"]?.arrayValue)
            #expect(attachments.map { $0["filename"] } == ["devlog.md", "b.txt"])
            #expect(attachments.map { $0["size"] } == [27, 3])
            #expect(state.messages.first?.content == "with files")
            #expect(state.messages.first?.attachments.map(\.size) == [27, 3])
        }
    }

    @Test("a message with only a file is not empty")
    func fileOnly() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            let form = SandboxTestHTTP.multipart(payload: nil, files: [("only.md", Array("x".utf8))])
            let reply = try await SandboxTestHTTP.request(
                "POST", base, SandboxTestPaths.execute, body: form.body, contentType: form.contentType)
            #expect(reply.status == 204)
            #expect(state.messages.first?.attachments.map(\.filename) == ["only.md"])
        }
    }

    @Test("thread_id query posts into that thread")
    func threadID() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            let reply = try await SandboxTestHTTP.request(
                "POST", base, SandboxTestPaths.executeWaiting + "&thread_id=1300000000000000007", json: ["content": "in thread"])
            #expect(reply.status == 200)
            #expect(reply.json?["channel_id"] == "1300000000000000007")
            #expect(state.messages.first?.threadID == "1300000000000000007")
        }
    }

    @Test("thread_name creates a thread named after it")
    func threadName() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            let reply = try await SandboxTestHTTP.request(
                "POST", base, SandboxTestPaths.executeWaiting, json: ["content": "post", "thread_name": "Cycle 12"])
            let id = try #require(reply.json?["id"]?.stringValue)
            #expect(reply.json?["channel_id"]?.stringValue == id, "a new forum thread's id is its first message's id")
            #expect(state.messages.first?.threadName == "Cycle 12")
            #expect(state.messages.first?.threadID == id)
        }
    }

    @Test("any webhook id is accepted with the first token it is used with")
    func unknownWebhookAccepted() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            let first = try await SandboxTestHTTP.request("POST", base, "/api/v10/webhooks/42/first", json: ["content": "a"])
            let again = try await SandboxTestHTTP.request("POST", base, "/api/v10/webhooks/42/first", json: ["content": "b"])
            let other = try await SandboxTestHTTP.request("POST", base, "/api/v10/webhooks/42/second", json: ["content": "c"])
            #expect([first.status, again.status, other.status] as [Int] == [204, 204, 401])
            #expect(other.json?["code"] == 50027)
            #expect(state.messages.map(\.webhookID) == ["42", "42"])
        }
    }

    @Test("the webhook token never reaches the log")
    func tokenNotLogged() async throws {
        let capture = LogCapture()
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy, logger: capture.logger()) { base, _ in
            _ = try await SandboxTestHTTP.request("POST", base, "/api/v10/webhooks/77/s3cr3t-t0ken", json: ["content": "x"])
            _ = try await SandboxTestHTTP.request("POST", base, "/api/v10/webhooks/77/wrong-t0ken", json: ["content": "x"])
        }
        let lines = capture.all
        #expect(lines.contains { $0.contains("/api/webhooks/77/***") })
        #expect(!lines.contains { $0.contains("t0ken") })
    }
}
