@testable import DevlogPublish
import Foundation
import Testing

@Suite("RateLimiter (pure)")
struct RateLimiterTests {
    let start = ContinuousClock.now
    let post = RateLimitRoute(method: "POST", webhookID: "1")
    let patch = RateLimitRoute(method: "PATCH", webhookID: "1", shape: "/messages/:id")
    let other = RateLimitRoute(method: "POST", webhookID: "2")

    func headers(remaining: Int, resetAfter: Double, bucket: String = "abc") -> HTTPHeaders {
        ["X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "\(remaining)", "X-RateLimit-Reset-After": "\(resetAfter)", "X-RateLimit-Bucket": bucket]
    }

    func tooMany(_ body: String, scope: String? = "user", retryAfterHeader: String? = nil) -> (HTTPHeaders, Data) {
        var headers = headers(remaining: 0, resetAfter: 9)
        if let scope { headers.add(name: "X-RateLimit-Scope", value: scope) }
        if let retryAfterHeader { headers.add(name: "Retry-After", value: retryAfterHeader) }
        return (headers, Data(body.utf8))
    }

    @Test("remaining 0 makes the next request wait out Reset-After, then proceed")
    func remainingZero() {
        var limiter = RateLimiter(configuration: .init(channelLimit: 0))
        #expect(limiter.decide(post, now: start) == .proceed)
        limiter.didSend(post, now: start)
        #expect(limiter.didReceive(status: 200, headers: headers(remaining: 0, resetAfter: 1.25), body: Data(), route: post, now: start) == .accepted)
        #expect(limiter.decide(post, now: start) == .wait(.milliseconds(1250)))
        #expect(limiter.decide(post, now: start + .milliseconds(1000)) == .wait(.milliseconds(250)))
        #expect(limiter.decide(post, now: start + .milliseconds(1250)) == .proceed)
        #expect(limiter.decide(other, now: start) == .proceed)
    }

    @Test("a 429 waits exactly retry_after from the body, else the Retry-After header")
    func retryAfter() {
        var limiter = RateLimiter(configuration: .init(channelLimit: 0))
        let (headers, body) = tooMany(#"{"message": "You are being rate limited.", "retry_after": 0.337, "global": false}"#)
        #expect(limiter.didReceive(status: 429, headers: headers, body: body, route: post, now: start) == .rateLimited(retryAfter: .milliseconds(337), global: false))
        #expect(limiter.decide(post, now: start) == .wait(.milliseconds(337)))
        var second = RateLimiter(configuration: .init(channelLimit: 0))
        let (plainHeaders, plainBody) = tooMany("<html>slow down</html>", retryAfterHeader: "3")
        #expect(second.didReceive(status: 429, headers: plainHeaders, body: plainBody, route: post, now: start) == .rateLimited(retryAfter: .seconds(3), global: false))
    }

    @Test("a global 429 blocks every bucket; a bucket 429 only its own")
    func globalScope() {
        var limiter = RateLimiter(configuration: .init(channelLimit: 0))
        let (headers, body) = tooMany(#"{"retry_after": 2.5, "global": true}"#, scope: "global")
        #expect(limiter.didReceive(status: 429, headers: headers, body: body, route: post, now: start) == .rateLimited(retryAfter: .milliseconds(2500), global: true))
        #expect(limiter.decide(other, now: start) == .wait(.milliseconds(2500)))
        #expect(limiter.decide(patch, now: start + .seconds(1)) == .wait(.milliseconds(1500)))
        var bucketOnly = RateLimiter(configuration: .init(channelLimit: 0))
        let (userHeaders, userBody) = tooMany(#"{"retry_after": 2.5, "global": false}"#)
        _ = bucketOnly.didReceive(status: 429, headers: userHeaders, body: userBody, route: post, now: start)
        #expect(bucketOnly.decide(other, now: start) == .proceed)
    }

    @Test("routes that reveal the same bucket share its limit")
    func sharedBucket() {
        var limiter = RateLimiter(configuration: .init(channelLimit: 0))
        _ = limiter.didReceive(status: 200, headers: headers(remaining: 3, resetAfter: 2, bucket: "same"), body: Data(), route: post, now: start)
        _ = limiter.didReceive(status: 200, headers: headers(remaining: 0, resetAfter: 2, bucket: "same"), body: Data(), route: patch, now: start)
        #expect(limiter.decide(post, now: start) == .wait(.seconds(2)))
    }

    @Test("a 429 without any rate-limit header is a ban: stop, never retry")
    func ban() {
        var limiter = RateLimiter()
        let verdict = limiter.didReceive(status: 429, headers: ["Content-Type": "text/html"], body: Data("<html>banned</html>".utf8), route: post, now: start)
        guard case .stop(let error) = verdict else { Issue.record("expected stop, got \(verdict)"); return }
        #expect(error.kind == .banned)
        #expect(error.description.contains("Discord has temporarily banned this address (429 without rate-limit headers); stop publishing and retry after an hour"))
        #expect(limiter.decide(other, now: start + .seconds(7200)) == .stop(error))
    }

    @Test("401/403/429 answers are counted in a sliding window; shared-scope 429s are not")
    func invalidBudget() {
        var limiter = RateLimiter(configuration: .init(invalidRequestBudget: 3, invalidRequestWindow: .seconds(600), channelLimit: 0))
        let (shared, sharedBody) = tooMany(#"{"retry_after": 0.1, "global": false}"#, scope: "shared")
        for _ in 0..<5 { _ = limiter.didReceive(status: 429, headers: shared, body: sharedBody, route: post, now: start) }
        #expect(limiter.invalidAnswerCount == 0)
        #expect(limiter.didReceive(status: 401, headers: [:], body: Data(), route: post, now: start) == .accepted)
        #expect(limiter.didReceive(status: 403, headers: [:], body: Data(), route: post, now: start + .seconds(100)) == .accepted)
        let third = limiter.didReceive(status: 401, headers: [:], body: Data(), route: post, now: start + .seconds(200))
        guard case .stop(let error) = third else { Issue.record("expected stop, got \(third)"); return }
        #expect(error.kind == .invalidRequestBudget)
        if case .stop = limiter.decide(post, now: start + .seconds(300)) {} else { Issue.record("should still stop inside the window") }
        #expect(limiter.decide(post, now: start + .seconds(599)) != .proceed)
        // The first 401 (at 0 s) leaves the 600-second window: two remain, below the budget.
        #expect(limiter.decide(post, now: start + .seconds(601)) == .proceed)
    }

    @Test("the unannounced channel limit is paced: the 31st request in a minute waits")
    func channelPacing() {
        var limiter = RateLimiter()
        for second in 0..<30 {
            let now = start + .seconds(second)
            #expect(limiter.decide(post, now: now) == .proceed)
            limiter.didSend(post, now: now)
        }
        #expect(limiter.decide(patch, now: start + .seconds(30)) == .wait(.seconds(30)))
        #expect(limiter.decide(post, now: start + .seconds(60)) == .proceed)
        #expect(limiter.decide(other, now: start + .seconds(30)) == .proceed)
    }
}
