/// The time source and sleeper the Discord client waits with; tests pass one that does not wait.
public protocol PublishClock: Sendable {
    /// The current instant.
    var now: ContinuousClock.Instant { get }
    /// Suspends for `duration`.
    func sleep(for duration: Duration) async throws
}

/// The real clock: `ContinuousClock`, which keeps counting while the machine sleeps.
public struct SystemPublishClock: PublishClock {
    /// Creates the real clock.
    public init() {}

    /// `ContinuousClock.now`.
    public var now: ContinuousClock.Instant { ContinuousClock.now }

    /// Sleeps on `ContinuousClock`.
    public func sleep(for duration: Duration) async throws {
        try await ContinuousClock().sleep(for: duration)
    }
}
