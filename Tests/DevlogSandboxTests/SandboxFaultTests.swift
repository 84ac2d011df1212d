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

    @Test("status fault with headers: written as given, names spelled as given, and no others")
    func statusHeaders() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            state.enqueue(.status(201, body: "{}", contentType: "application/json", headers: ["x-RateLimit-REMAINING": "4"]))
            let reply = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: ["content": "x"])
            #expect(reply.status == 201)
            #expect(reply.text == "{}")
            #expect(reply.head.contains("\r\nx-RateLimit-REMAINING: 4"))
            #expect(reply.rateLimitHeaders == ["x-ratelimit-remaining"])
            #expect(state.messages.isEmpty)
        }
    }

    @Test("pass: handled as usual, so the fault after it meets the next request")
    func pass() async throws {
        try await DiscordSandbox.withRunning(SandboxTestPaths.roomy) { base, state in
            state.enqueue([.pass, .badGateway])
            var statuses: [Int] = []
            for _ in 0..<3 {
                statuses.append(try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: ["content": "x"]).status)
            }
            #expect(statuses == [204, 502, 204])
            #expect(state.messages.count == 2)
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

    @Test("plans: each fault decided without a network")
    func plans() {
        let plan = { (fault: SandboxFault, webhookID: String?) in
            fault.plan(webhookID: webhookID, bucketLimit: 5, banDuration: 3600, now: 1_000)
        }
        guard case .handle = plan(.pass, "1") else { Issue.record("pass must be handled"); return }
        guard case .handleThenHold(seconds: 2.5) = plan(.delay(seconds: 2.5), "1") else { Issue.record("delay must hold"); return }
        guard case .handleThenDrop = plan(.dropConnectionAfterStoring, "1") else { Issue.record("drop after: handle"); return }
        guard case .drop = plan(.dropConnectionBeforeStoring, "1") else { Issue.record("drop before: no handling"); return }

        guard case .answer(let user) = plan(.rateLimited(retryAfter: 1.5, scope: "user", global: false), "1") else {
            Issue.record("a 429 is an answer")
            return
        }
        let headers = Dictionary(user.headers, uniquingKeysWith: { $1 })
        #expect(user.status == 429 && user.scope == "user" && !user.isBan)
        #expect(headers["X-RateLimit-Remaining"] == "0" && headers["X-RateLimit-Limit"] == "5")
        #expect(headers["X-RateLimit-Reset-After"] == "1.500" && headers["X-RateLimit-Reset"] == "1001.500")
        #expect(headers["X-RateLimit-Bucket"] == SandboxRateLimiter.bucketHash(webhookID: "1"))
        for (fault, webhookID) in [(SandboxFault.rateLimited(retryAfter: 1, scope: "global", global: true), "1"), (.rateLimited(retryAfter: 1, scope: "user", global: false), nil)] {
            guard case .answer(let reply) = plan(fault, webhookID) else { Issue.record("a 429 is an answer"); return }
            #expect(!reply.headers.contains { $0.0 == "X-RateLimit-Bucket" }, "no bucket to announce for \(fault), \(webhookID ?? "no webhook")")
        }

        guard case .answer(let ban) = plan(.ban, "1") else { Issue.record("a ban is an answer"); return }
        #expect(ban.isBan && ban.status == 429 && ban.headers.map(\.0) == ["Retry-After"])
        guard case .answer(let status) = plan(.status(503, body: "b", contentType: "text/plain", headers: ["B": "2", "A": "1"]), "1") else {
            Issue.record("a status fault is an answer")
            return
        }
        #expect(status.status == 503 && status.body == "b" && status.contentType == "text/plain")
        #expect(status.headers.map { "\($0.0)=\($0.1)" } == ["A=1", "B=2"])
    }
}
