/// One step of `devlog cycle` and how it went.
public struct CycleStep: Sendable, Encodable {
    /// How a step ended.
    public enum Result: String, Sendable, Encodable {
        case succeeded, skipped, failed
        /// The check found contradictions and the job went on: they are in ``CycleStep/findings``.
        case reported
    }

    /// `import`, `check`, `generate`, `publish` or `archive`.
    public var name: String
    /// How it ended.
    public var result: Result
    /// What it did, or why it failed or was skipped.
    public var detail: String
    /// For a failed step: how to continue.
    public var next: String?
    /// For the check step: everything it found, warnings included; empty for the other steps.
    public var findings: [CheckFinding] = []
}
