/// What to do after one `git push`, decided from its status and text alone.
enum PushDecision: Equatable {
    /// The remote took the push.
    case done
    /// Someone pushed first: fetch, rebase the archive commits, push again.
    case rebaseAndRetry
    /// Someone pushed first, and the attempts are used up.
    case giveUp
    /// Any other failure (authentication, hooks, no such remote): retrying will not help.
    case fail

    /// Decides from `git push --porcelain`'s exit status and combined output (run with `LC_ALL=C`).
    static func after(status: Int32, output: String, attempt: Int, maxAttempts: Int) -> PushDecision {
        if status == 0 { return .done }
        // "[rejected] (fetch first)" / "(non-fast-forward)": the remote moved on. A push that
        // lost a race on the remote's ref lock reports "[remote rejected] … cannot lock ref" or
        // "failed to update ref"; that is the same situation.
        let behind = output.contains("[rejected]") && (output.contains("fetch first") || output.contains("non-fast-forward"))
        let lostRace = output.contains("[remote rejected]")
            && (output.contains("cannot lock ref") || output.contains("failed to update ref")
                || output.contains("incorrect old value"))
        guard behind || lostRace else { return .fail }
        return attempt < maxAttempts ? .rebaseAndRetry : .giveUp
    }
}
