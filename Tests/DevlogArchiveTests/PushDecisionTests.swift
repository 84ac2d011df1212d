@testable import DevlogArchive
import Testing

@Suite("PushDecision")
struct PushDecisionTests {
    @Test("retries only when someone else pushed first, and only up to the limit")
    func decisions() {
        let behind = "To ../remote.git\n!\tabc:refs/heads/main\t[rejected] (fetch first)\nDone"
        let race = "!\tabc:refs/heads/main\t[remote rejected] (cannot lock ref 'refs/heads/main': is at 1 but expected 2)"
        let hook = "!\tabc:refs/heads/main\t[remote rejected] (pre-receive hook declined)"
        #expect(PushDecision.after(status: 0, output: "", attempt: 1, maxAttempts: 5) == .done)
        #expect(PushDecision.after(status: 1, output: behind, attempt: 1, maxAttempts: 5) == .rebaseAndRetry)
        #expect(PushDecision.after(status: 1, output: race, attempt: 4, maxAttempts: 5) == .rebaseAndRetry)
        #expect(PushDecision.after(status: 1, output: behind, attempt: 5, maxAttempts: 5) == .giveUp)
        #expect(PushDecision.after(status: 1, output: hook, attempt: 1, maxAttempts: 5) == .fail)
        #expect(PushDecision.after(status: 128, output: "fatal: 'origin' does not appear to be a git repository", attempt: 1, maxAttempts: 5) == .fail)
    }
}
