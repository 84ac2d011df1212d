/// A publish that stopped at one part; what came before is in the outbox and in ``report``.
public struct PublishError: Error, Sendable, CustomStringConvertible {
    /// The part that failed.
    public let partIndex: Int
    /// Why, from Discord or the transport (token redacted).
    public let underlying: DiscordError
    /// What was done before the failure.
    public let report: PublishReport

    /// Creates an error.
    public init(partIndex: Int, underlying: DiscordError, report: PublishReport) {
        self.partIndex = partIndex
        self.underlying = underlying
        self.report = report
    }

    /// The part and the Discord error; rerunning the publish sends only what is missing.
    public var description: String {
        "publishing stopped at part \(partIndex): \(underlying); fix the cause and publish again, parts already delivered are not sent twice"
    }
}
