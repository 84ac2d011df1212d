/// What to do after one `git push`, decided from its outcome, the time spent and a random draw.
enum PushDecision: Equatable {
    /// The remote took the push.
    case done
    /// Someone pushed first: wait `delay`, then fetch, rebase the archive commits and push again.
    case rebaseAndRetry(delay: Duration)
    /// Someone pushed first, and a retry would start after the deadline.
    case giveUp
    /// Any other failure (authentication, hooks, no such remote): retrying will not help.
    case fail

    /// Decides from `git push --porcelain`'s exit status and combined output (run with
    /// `LC_ALL=C`), after `attempt` pushes in `elapsed`; `draw` (in 0..<1) picks the delay
    /// between half and all of the attempt's ceiling.
    static func after(status: Int32, output: String, attempt: Int, elapsed: Duration,
                      retry: ArchiveOptions.PushRetry, draw: Double) -> PushDecision {
        if status == 0 { return .done }
        // "[rejected] (fetch first)" / "(non-fast-forward)": the remote moved on. A push that
        // lost a race on the remote's ref lock reports "[remote rejected] … cannot lock ref" or
        // "failed to update ref"; that is the same situation.
        let behind = output.contains("[rejected]") && (output.contains("fetch first") || output.contains("non-fast-forward"))
        let lostRace = output.contains("[remote rejected]")
            && (output.contains("cannot lock ref") || output.contains("failed to update ref")
                || output.contains("incorrect old value"))
        guard behind || lostRace else { return .fail }
        // Doubling stops at maxDelay; the exponent is capped so the product cannot overflow.
        let ceiling = min(retry.maxDelay, retry.initialDelay * (1 << min(attempt - 1, 20)))
        let delay = ceiling * (0.5 + draw / 2)
        return elapsed + delay < retry.deadline ? .rebaseAndRetry(delay: delay) : .giveUp
    }
}
