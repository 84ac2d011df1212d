import Testing
@testable import DevlogSandbox

@Suite("Sandbox: rate-limit state machine")
struct SandboxRateLimiterTests {
    private func limiter(bucket: Int = 2, window: Double = 2, channel: Int = 3, ban: Int = 3) -> SandboxRateLimiter {
        SandboxRateLimiter(
            settings: .init(
                bucketLimit: bucket, bucketWindow: window, channelLimit: channel, channelWindow: 60,
                banThreshold: ban, banWindow: 600, banDuration: 3600))
    }

    @Test("a fixed window starts with its first request and refills at its end")
    func fixedWindow() {
        var limiter = limiter()
        let first = limiter.take(webhookID: "1", now: 100)
        #expect(first.allowed && first.state.remaining == 1 && first.state.resetAt == 102)
        let second = limiter.take(webhookID: "1", now: 101)
        #expect(second.allowed && second.state.remaining == 0 && second.state.resetAfter == 1)
        let third = limiter.take(webhookID: "1", now: 101.5)
        #expect(!third.allowed && third.state.resetAfter == 0.5)
        let fourth = limiter.take(webhookID: "1", now: 102)
        #expect(fourth.allowed && fourth.state.remaining == 1 && fourth.state.resetAt == 104)
    }

    @Test("the channel window slides: a slot frees 60 s after the oldest send")
    func channelWindow() {
        var limiter = limiter()
        #expect(limiter.send(toChannel: "c", now: 0) == nil)
        #expect(limiter.send(toChannel: "c", now: 10) == nil)
        #expect(limiter.send(toChannel: "c", now: 20) == nil)
        #expect(limiter.send(toChannel: "c", now: 30) == 30)
        #expect(limiter.send(toChannel: "other", now: 30) == nil)
        #expect(limiter.send(toChannel: "c", now: 60.5) == nil)
    }

    @Test("invalid answers within the window ban the client; old ones expire")
    func ban() {
        var limiter = limiter()
        limiter.recordInvalid(client: "a", now: 0)
        limiter.recordInvalid(client: "a", now: 1)
        limiter.recordInvalid(client: "a", now: 700)  // the first two fell out of the 600 s window
        #expect(limiter.banRemaining(client: "a", now: 700) == nil)
        limiter.recordInvalid(client: "a", now: 701)
        limiter.recordInvalid(client: "a", now: 702)
        #expect(limiter.banRemaining(client: "a", now: 702) == 3600)
        #expect(limiter.banRemaining(client: "b", now: 702) == nil)
        #expect(limiter.banRemaining(client: "a", now: 702 + 3600) == nil)
    }

    @Test("bucket hashes are stable and differ between webhooks")
    func hashes() {
        #expect(SandboxRateLimiter.bucketHash(webhookID: "1") == SandboxRateLimiter.bucketHash(webhookID: "1"))
        #expect(SandboxRateLimiter.bucketHash(webhookID: "1") != SandboxRateLimiter.bucketHash(webhookID: "2"))
        #expect(SandboxRateLimiter.bucketHash(webhookID: "1").count == 16)
    }
}
