import Foundation
import Testing
@testable import DevlogSandbox

@Suite("Sandbox: get, edit and delete webhook messages")
struct SandboxMessageRouteTests {
    private func post(_ base: URL, _ payload: SandboxJSON, query: String = "") async throws -> String {
        let reply = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.executeWaiting + query, json: payload)
        return try #require(reply.json?["id"]?.stringValue)
    }

    @Test("GET returns the stored message")
    func getMessage() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, _ in
            let id = try await post(base, ["content": "first"])
            let reply = try await SandboxTestHTTP.request("GET", base, SandboxTestPaths.message(id), contentType: nil)
            #expect(reply.status == 200)
            #expect(reply.json?["id"]?.stringValue == id)
            #expect(reply.json?["content"] == "first")
        }
    }

    @Test("PATCH edits content and embeds, keeps what it does not mention, counts the edit")
    func editMessage() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            let id = try await post(base, ["content": "draft", "embeds": [["title": "T"]]])
            let reply = try await SandboxTestHTTP.request("PATCH", base, SandboxTestPaths.message(id), json: ["content": "final"])
            #expect(reply.status == 200)
            #expect(reply.json?["content"] == "final")
            #expect(reply.json?["embeds"]?.arrayValue?.first?["title"] == "T")
            #expect(reply.json?["edited_timestamp"]?.stringValue != nil)
            let stored = try #require(state.message(id: id))
            #expect(stored.content == "final")
            #expect(stored.editCount == 1)
            let second = try await SandboxTestHTTP.request("PATCH", base, SandboxTestPaths.message(id), json: ["embeds": []])
            #expect(second.json?["embeds"] == [])
            #expect(state.message(id: id)?.editCount == 2)
        }
    }

    @Test("PATCH that would leave the message empty is refused with 50006")
    func editToEmpty() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            let id = try await post(base, ["content": "only text"])
            let reply = try await SandboxTestHTTP.request("PATCH", base, SandboxTestPaths.message(id), json: ["content": nil])
            #expect(reply.status == 400)
            #expect(reply.json?["code"] == 50006)
            #expect(state.message(id: id)?.content == "only text")
        }
    }

    @Test("PATCH is validated like execute")
    func editValidated() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, _ in
            let id = try await post(base, ["content": "x"])
            let reply = try await SandboxTestHTTP.request(
                "PATCH", base, SandboxTestPaths.message(id), json: ["content": .string(String(repeating: "a", count: 2001))])
            #expect(reply.status == 400)
            #expect(reply.json?["code"] == 50035)
            #expect(reply.json?["errors"]?["content"]?["_errors"]?.arrayValue?.first?["code"] == "BASE_TYPE_MAX_LENGTH")
        }
    }

    @Test("DELETE answers 204, marks the message deleted, and later access is Unknown Message")
    func deleteMessage() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            let id = try await post(base, ["content": "bye"])
            let deleted = try await SandboxTestHTTP.request("DELETE", base, SandboxTestPaths.message(id), contentType: nil)
            #expect(deleted.status == 204)
            #expect(state.message(id: id)?.isDeleted == true)
            for method in ["GET", "DELETE"] {
                let again = try await SandboxTestHTTP.request(method, base, SandboxTestPaths.message(id), contentType: nil)
                #expect(again.status == 404)
                #expect(again.json == ["message": "Unknown Message", "code": 10008])
            }
            let edit = try await SandboxTestHTTP.request("PATCH", base, SandboxTestPaths.message(id), json: ["content": "back"])
            #expect(edit.json?["code"] == 10008)
        }
    }

    @Test("an id that was never posted is Unknown Message")
    func unknownMessage() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, _ in
            let reply = try await SandboxTestHTTP.request("GET", base, SandboxTestPaths.message("1234567890"), contentType: nil)
            #expect(reply.status == 404)
            #expect(reply.json?["code"] == 10008)
            #expect(reply.json?["message"] == "Unknown Message")
        }
    }

    @Test("a thread's message is reached only with its thread_id, as on Discord")
    func threadScoped() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, _ in
            let id = try await post(base, ["content": "threaded"], query: "&thread_id=1300000000000000009")
            let without = try await SandboxTestHTTP.request("GET", base, SandboxTestPaths.message(id), contentType: nil)
            #expect(without.json?["code"] == 10008)
            let with = try await SandboxTestHTTP.request(
                "GET", base, SandboxTestPaths.message(id) + "?thread_id=1300000000000000009", contentType: nil)
            #expect(with.status == 200)
        }
    }

    @Test("another webhook cannot reach the message")
    func otherWebhook() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, _ in
            let id = try await post(base, ["content": "mine"])
            let reply = try await SandboxTestHTTP.request("GET", base, "/api/v10/webhooks/99/other/messages/\(id)", contentType: nil)
            #expect(reply.json?["code"] == 10008)
        }
    }

    @Test("PATCH with multipart keeps only the listed attachments and adds new files")
    func editAttachments() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            let form = SandboxTestHTTP.multipart(payload: ["content": "v1"], files: [("a.md", [1]), ("b.md", [1, 2])])
            let created = try await SandboxTestHTTP.request(
                "POST", base, SandboxTestPaths.executeWaiting, body: form.body, contentType: form.contentType)
            let id = try #require(created.json?["id"]?.stringValue)
            let keep = try #require(created.json?["attachments"]?.arrayValue?.last?["id"])
            let edit = SandboxTestHTTP.multipart(payload: ["attachments": [["id": keep]]], files: [("c.md", [1, 2, 3])])
            let edited = try await SandboxTestHTTP.request(
                "PATCH", base, SandboxTestPaths.message(id), body: edit.body, contentType: edit.contentType)
            #expect(edited.status == 200)
            #expect(edited.json?["attachments"]?.arrayValue?.map { $0["filename"] } == ["b.md", "c.md"])
            #expect(edited.json?["content"] == "v1")
            #expect(state.message(id: id)?.attachments.map(\.size) == [2, 3])
        }
    }
}
