import Foundation
import Synchronization
import Testing
@testable import DevlogSandbox

/// A clock a test moves by hand, for ``DiscordSandbox/Configuration/now``.
private final class HandClock: Sendable {
    private let seconds: Mutex<Double>

    init(_ start: Double) { seconds = Mutex(start) }

    var now: Date { Date(timeIntervalSince1970: seconds.withLock { $0 }) }

    func advance(by delta: Double) { seconds.withLock { $0 += delta } }
}

@Suite("Sandbox: what a test reads and steers")
struct SandboxStateTests {
    private static var recording: DiscordSandbox.Configuration {
        var configuration = SandboxTestPaths.roomy
        configuration.recordsRequests = true
        return configuration
    }

    @Test("requests are recorded only when asked")
    func notRecordedByDefault() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            _ = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: ["content": "x"])
            #expect(state.counters.requests == 1)
            #expect(state.requests.isEmpty)
        }
    }

    @Test("recorded: method, query, headers, body, JSON payload and connection, with the token masked")
    func recorded() async throws {
        try await DiscordSandbox.withRunning(Self.recording) { base, state in
            let started = Date()
            let json: SandboxJSON = ["content": "plain", "allowed_mentions": ["parse": []]]
            _ = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.executeWaiting + "&thread_id=77", json: json)
            let form = SandboxTestHTTP.multipart(payload: ["content": "with file"], files: [("a.md", [1, 2, 3])])
            _ = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, body: form.body, contentType: form.contentType)
            _ = try await SandboxTestHTTP.request("GET", base, "/messages", contentType: nil)

            let requests = state.requests
            try #require(requests.count == 2, "introspection is not recorded")
            #expect(requests.map(\.method) == ["POST", "POST"])
            #expect(requests.map(\.path) == Array(repeating: "/api/webhooks/\(SandboxTestPaths.hook.id)/***", count: 2))
            #expect(requests[0].query == ["wait": "true", "thread_id": "77"])
            #expect(requests[0].headers["content-type"] == "application/json")
            #expect(requests[0].body == Array(json.serialized.utf8))
            #expect(requests[0].payload == json)
            #expect(requests[1].payload == ["content": "with file"])
            #expect(requests[1].body == form.body)
            // The test client opens a connection per request.
            #expect(requests[0].connection != requests[1].connection)
            #expect(requests.allSatisfy { $0.connection.hasPrefix("127.0.0.1:") })
            #expect(requests.allSatisfy { $0.receivedAt >= started.addingTimeInterval(-1) && $0.receivedAt <= Date() })
            #expect(!"\(requests)".contains(SandboxTestPaths.hook.token))
        }
    }

    @Test("a request dropped unanswered is recorded with its body")
    func droppedRecorded() async throws {
        try await DiscordSandbox.withRunning(Self.recording) { base, state in
            state.enqueue(.dropConnectionBeforeStoring)
            _ = try await SandboxTestHTTP.exchange("POST", base, SandboxTestPaths.execute, body: Array(#"{"content":"lost"}"#.utf8))
            #expect(state.requests.map(\.payload) == [["content": "lost"]])
            #expect(state.messages.isEmpty)
        }
    }

    @Test("deleting in the app: the webhook gets 10008, the message stays for inspection")
    func deletedInApp() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            let posted = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.executeWaiting, json: ["content": "doomed"])
            let id = try #require(posted.json?["id"]?.stringValue)
            #expect(state.deleteMessage(id: id))
            #expect(!state.deleteMessage(id: id), "already gone")
            for method in ["GET", "PATCH", "DELETE"] {
                let reply = try await SandboxTestHTTP.request(method, base, SandboxTestPaths.message(id), json: ["content": "back"])
                #expect(reply.status == 404 && reply.json?["code"] == 10008, "\(method)")
            }
            #expect(state.message(id: id)?.isDeleted == true)
            #expect(state.message(id: id)?.content == "doomed")
            #expect(try await SandboxTestHTTP.request("GET", base, "/", contentType: nil).text.contains("No messages yet"))
        }
    }

    @Test("the configured clock drives windows, timestamps and snowflakes")
    func configuredClock() async throws {
        let clock = HandClock(1_767_225_600)  // 2026-01-01T00:00:00Z
        var configuration = DiscordSandbox.Configuration()
        configuration.bucketLimit = 1
        configuration.now = { clock.now }
        try await DiscordSandbox.withRunning(configuration) { base, state in
            let first = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.executeWaiting, json: ["content": "1"])
            #expect(first.json?["timestamp"] == "2026-01-01T00:00:00.000000+00:00")
            #expect(first.headers["x-ratelimit-reset"] == "1767225602.000")
            let id = try #require(first.json?["id"]?.stringValue.flatMap(UInt64.init))
            #expect((id >> 22) + 1_420_070_400_000 == 1_767_225_600_000)

            let limited = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: ["content": "2"])
            #expect(limited.status == 429)
            #expect(limited.json?["retry_after"] == 2)
            clock.advance(by: 2)
            let refilled = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: ["content": "2"])
            #expect(refilled.status == 204, "the window follows the clock, not the wall")
            #expect(state.messages.map(\.timestamp) == [clock.now.addingTimeInterval(-2), clock.now])
        }
    }
}
