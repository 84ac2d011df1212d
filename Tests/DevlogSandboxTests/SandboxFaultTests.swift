import Foundation
import Testing
@testable import DevlogSandbox

@Suite("Sandbox: injected faults")
struct SandboxFaultTests {
    @Test("status fault: the HTML 502 a proxy sends, nothing stored, then back to normal")
    func badGateway() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            state.enqueue(.badGateway)
            let failed = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: ["content": "x"])
            #expect(failed.status == 502)
            #expect(failed.headers["content-type"] == "text/html")
            #expect(failed.text.contains("502 Bad Gateway"))
            #expect(failed.rateLimitHeaders.isEmpty)
            #expect(state.messages.isEmpty)
            let next = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: ["content": "x"])
            #expect(next.status == 204)
            #expect(state.messages.count == 1)
            #expect(state.pendingFaults.isEmpty)
        }
    }

    @Test("faults apply in order, one per API request, and introspection does not use them up")
    func order() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            state.enqueue([.status(500, body: "oops", contentType: "text/plain"), .status(503, body: "", contentType: "text/plain")])
            _ = try await SandboxTestHTTP.request("GET", base, "/messages", contentType: nil)
            var statuses: [Int] = []
            for _ in 0..<3 {
                statuses.append(try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: ["content": "x"]).status)
            }
            #expect(statuses == [500, 503, 204])
        }
    }

    @Test("rateLimited fault: Discord's 429 with the given retry_after and scope")
    func rateLimited() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            state.enqueue([
                .rateLimited(retryAfter: 1.25, scope: "shared", global: false),
                .rateLimited(retryAfter: 3.5, scope: "global", global: true),
            ])
            let shared = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: ["content": "x"])
            #expect(shared.status == 429)
            #expect(shared.json == ["message": "You are being rate limited.", "retry_after": .number(1.25), "global": false])
            #expect(shared.headers["retry-after"] == "2")
            #expect(shared.headers["x-ratelimit-scope"] == "shared")
            #expect(shared.headers["x-ratelimit-remaining"] == "0")
            let global = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: ["content": "x"])
            #expect(global.json?["global"] == true)
            #expect(global.headers["x-ratelimit-global"] == "true")
            #expect(global.headers["x-ratelimit-scope"] == "global")
            #expect(global.headers["retry-after"] == "4")
            #expect(global.headers["x-ratelimit-bucket"] == nil)
            #expect(state.messages.isEmpty)
            #expect(state.counters.rateLimited == 2)
        }
    }

    @Test("ban fault: the Cloudflare page without rate-limit headers, once")
    func banFault() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            state.enqueue(.ban)
            let banned = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: ["content": "x"])
            #expect(banned.status == 429)
            #expect(banned.rateLimitHeaders.isEmpty)
            #expect(banned.text.contains("banned you temporarily"))
            let next = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: ["content": "x"])
            #expect(next.status == 204)
        }
    }

    @Test("delay fault: a client that gives up sees no answer, yet the message is stored and the late answer is normal")
    func delay() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            state.enqueue(.delay(seconds: 3))
            let outcome = try await SandboxTestHTTP.exchange(
                "POST", base, SandboxTestPaths.executeWaiting, body: Array(#"{"content":"slow"}"#.utf8), timeout: 0.5)
            guard case .timedOut = outcome else {
                Issue.record("expected the client to time out, got \(outcome)")
                return
            }
            // Stored before the answer was held back; allow a loaded machine a moment to get there.
            for _ in 0..<100 where state.messages.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            #expect(state.messages.map(\.content) == ["slow"])
            // A patient client gets the ordinary answer.
            state.enqueue(.delay(seconds: 0.5))
            let patient = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.executeWaiting, json: ["content": "later"])
            #expect(patient.status == 200)
            #expect(patient.json?["content"] == "later")
        }
    }

    @Test("drop before storing: connection closed without an answer, nothing stored")
    func dropBefore() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            state.enqueue(.dropConnectionBeforeStoring)
            let outcome = try await SandboxTestHTTP.exchange(
                "POST", base, SandboxTestPaths.executeWaiting, body: Array(#"{"content":"lost"}"#.utf8))
            guard case .closedWithoutAnswer = outcome else {
                Issue.record("expected a closed connection, got \(outcome)")
                return
            }
            let listed = try await SandboxTestHTTP.request("GET", base, "/messages", contentType: nil)
            #expect(listed.json == [])
            #expect(state.counters.droppedConnections == 1)
            let next = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: ["content": "x"])
            #expect(next.status == 204, "the server keeps serving")
        }
    }

    @Test("drop after storing: connection closed without an answer, message stored")
    func dropAfter() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            state.enqueue(.dropConnectionAfterStoring)
            let outcome = try await SandboxTestHTTP.exchange(
                "POST", base, SandboxTestPaths.executeWaiting, body: Array(#"{"content":"kept"}"#.utf8))
            guard case .closedWithoutAnswer = outcome else {
                Issue.record("expected a closed connection, got \(outcome)")
                return
            }
            let listed = try await SandboxTestHTTP.request("GET", base, "/messages", contentType: nil)
            #expect(listed.json?.arrayValue?.map { $0["content"] } == ["kept"])
            #expect(state.counters.droppedConnections == 1)
        }
    }

    @Test("counters: requests, per route, per status, 429s")
    func counters() async throws {
        var configuration = DiscordSandbox.Configuration()
        configuration.bucketLimit = 2
        configuration.bucketWindow = 120
        try await DiscordSandbox.withRunning(configuration) { base, state in
            let first = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.executeWaiting, json: ["content": "x"])
            let id = try #require(first.json?["id"]?.stringValue)
            _ = try await SandboxTestHTTP.request("GET", base, SandboxTestPaths.message(id), contentType: nil)
            _ = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: ["content": "x"])
            _ = try await SandboxTestHTTP.request("GET", base, "/messages", contentType: nil)
            let counters = state.counters
            #expect(counters.requests == 3)
            #expect(counters.byRoute == [
                "POST /webhooks/{id}/{token}": 2, "GET /webhooks/{id}/{token}/messages/{message_id}": 1,
            ])
            #expect(counters.byStatus == [200: 2, 429: 1])
            #expect(counters.rateLimited == 1)
        }
    }
}
