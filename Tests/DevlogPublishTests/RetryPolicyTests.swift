@testable import DevlogPublish
import Testing

@Suite("RetryPolicy (pure)")
struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(500), maxDelay: .seconds(4), deadline: .seconds(60))

    @Test("full jitter: the delay is unitRandom times min(cap, base·2^(n-1))")
    func jitter() {
        let ceilings: [Duration] = [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4)]
        for (index, ceiling) in ceilings.enumerated() {
            #expect(policy.decide(after: .status(503), attempt: index + 1, elapsed: .zero, unitRandom: 1) == .retry(after: ceiling))
            #expect(policy.decide(after: .status(503), attempt: index + 1, elapsed: .zero, unitRandom: 0) == .retry(after: .zero))
            #expect(policy.decide(after: .transport(.timeout), attempt: index + 1, elapsed: .zero, unitRandom: 0.5) == .retry(after: ceiling / 2))
        }
    }

    @Test("5xx, timeouts and connection failures retry; 4xx, refused URLs and other failures do not")
    func retryable() {
        for failure: RetryPolicy.Failure in [.status(500), .status(502), .status(599), .transport(.timeout), .transport(.connectionFailed)] {
            #expect(policy.decide(after: failure, attempt: 1, elapsed: .zero, unitRandom: 0.1) != .giveUp)
        }
        for failure: RetryPolicy.Failure in [.status(400), .status(401), .status(403), .status(404), .transport(.refusedURL), .transport(.other)] {
            #expect(policy.decide(after: failure, attempt: 1, elapsed: .zero, unitRandom: 0.1) == .giveUp)
        }
    }

    @Test("bounded by attempts and by the deadline")
    func bounds() {
        #expect(policy.decide(after: .status(500), attempt: 5, elapsed: .zero, unitRandom: 0) == .giveUp)
        #expect(policy.decide(after: .status(500), attempt: 4, elapsed: .seconds(57), unitRandom: 1) == .giveUp)
        #expect(policy.decide(after: .status(500), attempt: 4, elapsed: .seconds(56), unitRandom: 1) == .retry(after: .seconds(4)))
    }
}
