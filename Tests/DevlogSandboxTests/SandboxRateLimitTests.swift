import Foundation
import Testing
@testable import DevlogSandbox

@Suite("Sandbox: rate limits and the ban")
struct SandboxRateLimitTests {
    /// Default bucket (5 requests) in a window long enough that a slow machine cannot refill it mid-test.
    private static var slowBucket: DiscordSandbox.Configuration {
        var configuration = DiscordSandbox.Configuration()
        configuration.bucketWindow = 120
        return configuration
    }

    @Test("every answer announces the bucket; the 6th fast request gets a user-scope 429")
    func bucket() async throws {
        try await DiscordSandbox.withRunning(Self.slowBucket) { base, state in
            var replies: [SandboxTestHTTP.Reply] = []
            for index in 1...6 {
                replies.append(try await SandboxTestHTTP.request(
                    "POST", base, SandboxTestPaths.execute, json: ["content": .string("#\(index)")]))
            }
            #expect(replies.map(\.status) == [204, 204, 204, 204, 204, 429])
            #expect(replies.map { $0.headers["x-ratelimit-remaining"] } == ["4", "3", "2", "1", "0", "0"])
            for reply in replies {
                #expect(reply.headers["x-ratelimit-limit"] == "5")
                let resetAfter = try #require(reply.headers["x-ratelimit-reset-after"].flatMap(Double.init))
                #expect(resetAfter > 0 && resetAfter <= 120)
                let reset = try #require(reply.headers["x-ratelimit-reset"].flatMap(Double.init))
                #expect(abs(reset - Date().timeIntervalSince1970 - resetAfter) < 60)
                #expect(reply.headers["x-ratelimit-bucket"] == replies[0].headers["x-ratelimit-bucket"])
            }
            let limited = replies[5]
            #expect(limited.headers["x-ratelimit-scope"] == "user")
            let json = try #require(limited.json)
            #expect(json["message"] == "You are being rate limited.")
            #expect(json["global"] == false)
            let retryAfter = try #require(json["retry_after"]?.numberValue)
            #expect(retryAfter > 0 && retryAfter <= 120)
            #expect(limited.headers["retry-after"] == String(Int(retryAfter.rounded(.up))))
            #expect(state.messages.count == 5)
            #expect(state.counters.rateLimited == 1)
        }
    }

    @Test("the bucket refills after its window")
    func refill() async throws {
        var configuration = DiscordSandbox.Configuration()
        configuration.bucketLimit = 1
        configuration.bucketWindow = 0.2
        try await DiscordSandbox.withRunning(configuration) { base, _ in
            _ = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: ["content": "1"])
            var reply = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: ["content": "2"])
            // Wait as long as the server says, then the request passes (retry until it does, at most 20 times).
            for _ in 0..<20 where reply.status == 429 {
                let wait = reply.json?["retry_after"]?.numberValue ?? 0.2
                try await Task.sleep(for: .seconds(wait))
                reply = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: ["content": "2"])
            }
            #expect(reply.status == 204)
        }
    }

    @Test("each webhook has its own bucket with a stable, distinct hash")
    func perWebhookBuckets() async throws {
        try await DiscordSandbox.withRunning(Self.slowBucket) { base, _ in
            let first = try await SandboxTestHTTP.request("POST", base, "/api/v10/webhooks/11/a", json: ["content": "x"])
            let second = try await SandboxTestHTTP.request("POST", base, "/api/v10/webhooks/22/b", json: ["content": "x"])
            let again = try await SandboxTestHTTP.request("POST", base, "/api/v10/webhooks/11/a", json: ["content": "x"])
            #expect(first.headers["x-ratelimit-bucket"] == again.headers["x-ratelimit-bucket"])
            #expect(first.headers["x-ratelimit-bucket"] != second.headers["x-ratelimit-bucket"])
            #expect(second.headers["x-ratelimit-remaining"] == "4")
            #expect(again.headers["x-ratelimit-remaining"] == "3")
        }
    }

    @Test("the channel limit is not announced and answers with a shared-scope 429")
    func channelLimit() async throws {
        var configuration = DiscordSandbox.Configuration()
        configuration.bucketLimit = 100
        configuration.bucketWindow = 120
        configuration.channelLimitPerMinute = 3
        configuration.webhooks = [.init(id: "31", token: "a"), .init(id: "32", token: "b")]
        try await DiscordSandbox.withRunning(configuration) { base, state in
            // Two webhooks in one channel share its limit.
            var replies: [SandboxTestHTTP.Reply] = []
            for path in ["/api/v10/webhooks/31/a", "/api/v10/webhooks/32/b", "/api/v10/webhooks/31/a", "/api/v10/webhooks/32/b"] {
                replies.append(try await SandboxTestHTTP.request("POST", base, path, json: ["content": "x"]))
            }
            #expect(replies.map(\.status) == [204, 204, 204, 429])
            #expect(replies[2].headers["x-ratelimit-remaining"] == "98", "bucket headers say nothing of the channel")
            let limited = replies[3]
            #expect(limited.headers["x-ratelimit-scope"] == "shared")
            #expect(limited.headers["x-ratelimit-remaining"] == "98", "the webhook's own bucket still has room")
            #expect(limited.json?["global"] == false)
            let retryAfter = try #require(limited.json?["retry_after"]?.numberValue)
            #expect(retryAfter > 0 && retryAfter <= 60)
            #expect(state.messages.count == 3)
        }
    }

    @Test("past the invalid-request threshold: the Cloudflare ban, 429 without rate-limit headers")
    func ban() async throws {
        var configuration = DiscordSandbox.Configuration()
        configuration.banThreshold = 3
        try await DiscordSandbox.withRunning(configuration) { base, state in
            let wrong = "/api/v10/webhooks/\(SandboxTestPaths.hook.id)/wrong"
            for _ in 0..<3 {
                let reply = try await SandboxTestHTTP.request("POST", base, wrong, json: ["content": "x"])
                #expect(reply.status == 401)
            }
            let banned = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: ["content": "x"])
            #expect(banned.status == 429)
            #expect(banned.rateLimitHeaders.isEmpty, "\(banned.rateLimitHeaders)")
            #expect(banned.headers["content-type"]?.hasPrefix("text/html") == true)
            #expect(banned.text.contains("1015"))
            #expect(banned.json == nil)
            #expect(state.messages.isEmpty)
            #expect(state.counters.banned == 1)
            // Introspection stays reachable for the test itself.
            #expect(try await SandboxTestHTTP.request("GET", base, "/messages", contentType: nil).status == 200)
        }
    }

    @Test("shared-scope 429s do not count toward the ban")
    func sharedNotCounted() async throws {
        var configuration = DiscordSandbox.Configuration()
        configuration.bucketLimit = 100
        configuration.bucketWindow = 120
        configuration.channelLimitPerMinute = 1
        configuration.banThreshold = 2
        try await DiscordSandbox.withRunning(configuration) { base, _ in
            var statuses: [Int] = []
            for _ in 0..<4 {
                statuses.append(try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: ["content": "x"]).status)
            }
            #expect(statuses == [204, 429, 429, 429])
            let last = try await SandboxTestHTTP.request("POST", base, SandboxTestPaths.execute, json: ["content": "x"])
            #expect(last.headers["x-ratelimit-scope"] == "shared", "still a Discord 429, not a ban")
        }
    }
}
