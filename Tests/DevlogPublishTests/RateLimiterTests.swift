@testable import DevlogPublish
import Foundation
import Testing

@Suite("RateLimiter (pure)")
struct RateLimiterTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
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

    func at(_ seconds: Double) -> Date { start + seconds }

    /// Claims and answers one request of `holder` at `seconds`, as a client does.
    @discardableResult
    func send(_ limiter: inout RateLimiter, _ limits: inout SharedRateLimits, route: RateLimitRoute? = nil, holder: String = "a",
              at seconds: Double = 0, status: Int = 200, headers: HTTPHeaders = [:], body: String = "") -> RateLimiter.Verdict {
        let route = route ?? post
        #expect(limiter.claim(route, limits: &limits, holder: holder, now: at(seconds)) == .proceed)
        return limiter.didReceive(status: status, headers: headers, body: Data(body.utf8), route: route, limits: &limits, holder: holder, now: at(seconds))
    }

    @Test("remaining 0 makes the next request wait out Reset-After, then proceed")
    func remainingZero() {
        var limiter = RateLimiter(configuration: .init(channelLimit: 0))
        var limits = SharedRateLimits()
        #expect(send(&limiter, &limits, headers: headers(remaining: 0, resetAfter: 1.25)) == .accepted)
        #expect(limiter.decide(post, limits: limits, holder: "b", now: start) == .wait(.milliseconds(1250)))
        #expect(limiter.decide(post, limits: limits, holder: "b", now: at(1)) == .wait(.milliseconds(250)))
        #expect(limiter.decide(post, limits: limits, holder: "b", now: at(1.25)) == .proceed)
        #expect(limiter.decide(other, limits: SharedRateLimits(everyWebhook: limits.everyWebhook), holder: "b", now: start) == .proceed)
    }

    @Test("a 429 waits exactly retry_after from the body, else the Retry-After header")
    func retryAfter() {
        var limiter = RateLimiter(configuration: .init(channelLimit: 0))
        var limits = SharedRateLimits()
        let (headers, body) = tooMany(#"{"message": "You are being rate limited.", "retry_after": 0.337, "global": false}"#)
        #expect(send(&limiter, &limits, status: 429, headers: headers, body: String(decoding: body, as: UTF8.self)) == .rateLimited(retryAfter: .milliseconds(337), global: false))
        #expect(limiter.decide(post, limits: limits, holder: "a", now: start) == .wait(.milliseconds(337)))
        var second = RateLimiter(configuration: .init(channelLimit: 0))
        var fresh = SharedRateLimits()
        let (plainHeaders, plainBody) = tooMany("<html>slow down</html>", retryAfterHeader: "3")
        #expect(send(&second, &fresh, status: 429, headers: plainHeaders, body: String(decoding: plainBody, as: UTF8.self)) == .rateLimited(retryAfter: .seconds(3), global: false))
    }

    @Test("a global 429 blocks every webhook; a bucket 429 only its own")
    func globalScope() {
        var limiter = RateLimiter(configuration: .init(channelLimit: 0))
        var limits = SharedRateLimits()
        let (headers, body) = tooMany(#"{"retry_after": 2.5, "global": true}"#, scope: "global")
        #expect(send(&limiter, &limits, status: 429, headers: headers, body: String(decoding: body, as: UTF8.self)) == .rateLimited(retryAfter: .milliseconds(2500), global: true))
        // Another webhook's limits share only the part that spans every webhook.
        let otherWebhook = SharedRateLimits(everyWebhook: limits.everyWebhook)
        #expect(limiter.decide(other, limits: otherWebhook, holder: "b", now: start) == .wait(.milliseconds(2500)))
        #expect(limiter.decide(patch, limits: limits, holder: "b", now: at(1)) == .wait(.milliseconds(1500)))
        var bucketOnly = RateLimiter(configuration: .init(channelLimit: 0))
        var userLimits = SharedRateLimits()
        let (userHeaders, userBody) = tooMany(#"{"retry_after": 2.5, "global": false}"#)
        send(&bucketOnly, &userLimits, status: 429, headers: userHeaders, body: String(decoding: userBody, as: UTF8.self))
        #expect(bucketOnly.decide(other, limits: SharedRateLimits(everyWebhook: userLimits.everyWebhook), holder: "b", now: start) == .proceed)
    }

    @Test("routes that reveal the same bucket share its limit")
    func sharedBucket() {
        var limiter = RateLimiter(configuration: .init(channelLimit: 0))
        var limits = SharedRateLimits()
        send(&limiter, &limits, headers: headers(remaining: 3, resetAfter: 2, bucket: "same"))
        send(&limiter, &limits, route: patch, headers: headers(remaining: 0, resetAfter: 2, bucket: "same"))
        #expect(limiter.decide(post, limits: limits, holder: "a", now: start) == .wait(.seconds(2)))
    }

    @Test("a 429 without any rate-limit header is a ban: stop, never retry")
    func ban() {
        var limiter = RateLimiter()
        var limits = SharedRateLimits()
        let verdict = send(&limiter, &limits, status: 429, headers: ["Content-Type": "text/html"], body: "<html>banned</html>")
        guard case .stop(let error) = verdict else { Issue.record("expected stop, got \(verdict)"); return }
        #expect(error.kind == .banned)
        #expect(error.description.contains("Discord has temporarily banned this address (429 without rate-limit headers); stop publishing and retry after an hour"))
        #expect(limiter.decide(other, limits: SharedRateLimits(), holder: "a", now: at(7200)) == .stop(error))
    }

    @Test("401/403/429 answers are counted in a sliding window; shared-scope 429s are not")
    func invalidBudget() {
        var limiter = RateLimiter(configuration: .init(invalidRequestBudget: 3, invalidRequestWindow: .seconds(600), channelLimit: 0))
        var limits = SharedRateLimits()
        let (shared, sharedBody) = tooMany(#"{"retry_after": 0.1, "global": false}"#, scope: "shared")
        for index in 0..<5 {
            // Each waits out the shared 429 before it is sent.
            send(&limiter, &limits, at: Double(index), status: 429, headers: shared, body: String(decoding: sharedBody, as: UTF8.self))
        }
        #expect(limiter.invalidAnswerCount == 0)
        #expect(send(&limiter, &limits, at: 10, status: 401) == .accepted)
        #expect(send(&limiter, &limits, at: 100, status: 403) == .accepted)
        let third = send(&limiter, &limits, at: 200, status: 401)
        guard case .stop(let error) = third else { Issue.record("expected stop, got \(third)"); return }
        #expect(error.kind == .invalidRequestBudget)
        if case .stop = limiter.decide(post, limits: limits, holder: "a", now: at(300)) {} else { Issue.record("should still stop inside the window") }
        #expect(limiter.decide(post, limits: limits, holder: "a", now: at(609)) != .proceed)
        // The first 401 (at 10 s) leaves the 600-second window: two remain, below the budget.
        #expect(limiter.decide(post, limits: limits, holder: "a", now: at(611)) == .proceed)
    }

    @Test("the unannounced channel limit is paced: the 31st request in a minute waits")
    func channelPacing() {
        var limiter = RateLimiter()
        var limits = SharedRateLimits()
        for second in 0..<30 { send(&limiter, &limits, at: Double(second)) }
        #expect(limiter.decide(patch, limits: limits, holder: "a", now: at(30)) == .wait(.seconds(30)))
        #expect(limiter.decide(post, limits: limits, holder: "a", now: at(60)) == .proceed)
        #expect(limiter.decide(other, limits: SharedRateLimits(), holder: "a", now: at(30)) == .proceed)
    }

    @Test("a send counts for the channel from its answer: the channel saw it no later")
    func sendCountedWhenAnswered() {
        var limiter = RateLimiter(configuration: .init(channelLimit: 1, channelWindow: .seconds(10)))
        var limits = SharedRateLimits()
        #expect(limiter.claim(post, limits: &limits, holder: "a", now: start) == .proceed)
        _ = limiter.didReceive(status: 200, headers: [:], body: Data(), route: post, limits: &limits, holder: "a", now: at(0.5))
        #expect(limiter.decide(post, limits: limits, holder: "b", now: at(10)) == .wait(.milliseconds(500)))
    }

    @Test("one request at a time per webhook: another client polls while the turn is held, and goes once it is given back")
    func turns() {
        let configuration = RateLimiter.Configuration(channelLimit: 0, turnLease: .seconds(2), turnPoll: .milliseconds(10))
        let first = RateLimiter(configuration: configuration)
        let second = RateLimiter(configuration: configuration)
        var limits = SharedRateLimits()
        #expect(first.claim(post, limits: &limits, holder: "p1#1", now: start) == .proceed)
        #expect(second.claim(post, limits: &limits, holder: "p2#1", now: at(0.001)) == .wait(.milliseconds(10)))
        #expect(second.claim(patch, limits: &limits, holder: "p2#2", now: at(1.995)) == .wait(.milliseconds(5)))
        // The holder's own next look is not held up by its turn.
        #expect(first.decide(post, limits: limits, holder: "p1#1", now: at(0.001)) == .proceed)
        // Another webhook is free.
        #expect(second.decide(other, limits: SharedRateLimits(everyWebhook: limits.everyWebhook), holder: "p2#3", now: at(0.001)) == .proceed)
        var answering = first
        _ = answering.didReceive(status: 200, headers: headers(remaining: 3, resetAfter: 2), body: Data(), route: post, limits: &limits, holder: "p1#1", now: at(0.002))
        #expect(limits.webhook.turn == nil)
        #expect(second.claim(post, limits: &limits, holder: "p2#4", now: at(0.003)) == .proceed)
        #expect(limits.webhook.turn?.holder == "p2#4")
    }

    @Test("a turn never given back (a killed process) lapses after the lease; a request with no answer gives it back at once")
    func lapsedTurn() {
        let limiter = RateLimiter(configuration: .init(channelLimit: 0, turnLease: .seconds(2)))
        var limits = SharedRateLimits()
        #expect(limiter.claim(post, limits: &limits, holder: "killed#1", now: start) == .proceed)
        #expect(limiter.claim(post, limits: &limits, holder: "next#1", now: at(1.999)) != .proceed)
        #expect(limiter.claim(post, limits: &limits, holder: "next#2", now: at(2)) == .proceed)
        limiter.giveBack(limits: &limits, holder: "killed#1")
        #expect(limits.webhook.turn?.holder == "next#2", "only the holder gives its turn back")
        limiter.giveBack(limits: &limits, holder: "next#2")
        #expect(limiter.claim(post, limits: &limits, holder: "third#1", now: at(2.001)) == .proceed)
    }

    @Test("clients sharing limits share the bucket: what one learned holds the other back")
    func bucketAcrossClients() {
        var first = RateLimiter(configuration: .init(channelLimit: 0))
        var second = RateLimiter(configuration: .init(channelLimit: 0))
        var limits = SharedRateLimits()
        send(&first, &limits, holder: "p1#1", headers: headers(remaining: 1, resetAfter: 2))
        // The bucket's last request goes; the count it leaves is the other client's too.
        #expect(second.claim(post, limits: &limits, holder: "p2#1", now: at(0.1)) == .proceed)
        #expect(first.decide(post, limits: limits, holder: "p1#2", now: at(0.1)) == .wait(.milliseconds(1900)))
        _ = second.didReceive(status: 200, headers: headers(remaining: 0, resetAfter: 1.9), body: Data(), route: post, limits: &limits, holder: "p2#1", now: at(0.1))
        #expect(first.claim(post, limits: &limits, holder: "p1#2", now: at(0.1)) == .wait(.milliseconds(1900)))
        #expect(first.claim(post, limits: &limits, holder: "p1#2", now: at(2)) == .proceed)
    }

    @Test("a wall clock that went back by more than a turn forgets the shared times instead of waiting them out")
    func clockWentBack() {
        var limiter = RateLimiter(configuration: .init(channelLimit: 0))
        var limits = SharedRateLimits()
        send(&limiter, &limits, headers: headers(remaining: 0, resetAfter: 2))
        #expect(limiter.decide(post, limits: limits, holder: "a", now: at(-1)) == .wait(.seconds(3)), "a small step back waits a little longer")
        #expect(limiter.claim(post, limits: &limits, holder: "a", now: at(-3600)) == .proceed)
        #expect(limits.webhook.seenAt == at(-3600))
    }
}
