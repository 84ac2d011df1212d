@testable import DevlogArchive
import Testing

@Suite("PushDecision")
struct PushDecisionTests {
    let retry = ArchiveOptions.PushRetry(deadline: .seconds(10), initialDelay: .milliseconds(100), maxDelay: .seconds(1))

    func decide(_ status: Int32, _ output: String, attempt: Int = 1, elapsed: Duration = .zero, draw: Double = 0) -> PushDecision {
        PushDecision.after(status: status, output: output, attempt: attempt, elapsed: elapsed, retry: retry, draw: draw)
    }

    @Test("retries only when someone else pushed first, and only while the deadline allows")
    func decisions() {
        let behind = "To ../remote.git\n!\tabc:refs/heads/main\t[rejected] (fetch first)\nDone"
        let race = "!\tabc:refs/heads/main\t[remote rejected] (cannot lock ref 'refs/heads/main': is at 1 but expected 2)"
        let hook = "!\tabc:refs/heads/main\t[remote rejected] (pre-receive hook declined)"
        #expect(decide(0, "") == .done)
        #expect(decide(1, behind) == .rebaseAndRetry(delay: .milliseconds(50)))
        #expect(decide(1, race, attempt: 40, elapsed: .seconds(8)) == .rebaseAndRetry(delay: .milliseconds(500)))
        #expect(decide(1, behind, attempt: 40, elapsed: .milliseconds(9_600)) == .giveUp)
        #expect(decide(1, hook) == .fail)
        #expect(decide(128, "fatal: 'origin' does not appear to be a git repository") == .fail)
        #expect(PushDecision.after(status: 1, output: behind, attempt: 1, elapsed: .zero, retry: .init(deadline: .zero), draw: 0) == .giveUp)
    }

    @Test("the delay ceiling doubles up to the largest, and the draw picks between half and all of it")
    func backoff() {
        let behind = "!\tabc:refs/heads/main\t[rejected] (non-fast-forward)"
        #expect(decide(1, behind, attempt: 2, draw: 0) == .rebaseAndRetry(delay: .milliseconds(100)))
        #expect(decide(1, behind, attempt: 3, draw: 0.5) == .rebaseAndRetry(delay: .milliseconds(300)))
        #expect(decide(1, behind, attempt: 5, draw: 0) == .rebaseAndRetry(delay: .milliseconds(500)))
        guard case .rebaseAndRetry(let delay) = decide(1, behind, attempt: 1_000, draw: 0.999_999) else {
            Issue.record("a late attempt within the deadline still retries")
            return
        }
        #expect(delay >= .milliseconds(999) && delay < .seconds(1))
    }
}
