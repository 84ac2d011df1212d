public import DevlogPublish

/// What publishing one cycle did (or, in a dry run, would do).
public struct PublishOutcome: Sendable {
    /// The cycle.
    public var cycleID: Int64
    /// The webhook, redacted (`…/webhooks/ID/***`).
    public var webhook: String
    /// The layout used.
    public var mode: PublishMode
    /// Whether nothing was sent (``requests`` shows what would have been).
    public var dryRun: Bool
    /// Part by part: unchanged, posted, edited, reposted, deleted. In a dry run, as if Discord
    /// had accepted every request.
    public var report: PublishReport
    /// Dry run only: every request that would be sent, in order.
    public var requests: [DryRunRequest]
}

/// What publishing several cycles did: one outcome per cycle that went through, one line per
/// cycle that did not (the others still ran).
public struct BacklogOutcome: Sendable {
    /// The cycles published.
    public var published: [PublishOutcome] = []
    /// The cycles that failed, with why (token redacted).
    public var failures: [Failure] = []

    /// One cycle that could not be published.
    public struct Failure: Sendable {
        /// The cycle.
        public var cycleID: Int64
        /// Why, in one line.
        public var message: String
    }
}
