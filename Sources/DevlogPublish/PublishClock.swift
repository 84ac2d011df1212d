import Foundation

/// The time source and sleeper the Discord client waits with; tests pass one that does not wait.
public protocol PublishClock: Sendable {
    /// The current instant, for durations measured within this process.
    var now: ContinuousClock.Instant { get }
    /// The current wall-clock time, for rate limits shared with other processes.
    var date: Date { get }
    /// Suspends for `duration`.
    func sleep(for duration: Duration) async throws
}

/// The real clock: `ContinuousClock`, which keeps counting while the machine sleeps, and `Date`.
public struct SystemPublishClock: PublishClock {
    /// Creates the real clock.
    public init() {}

    /// `ContinuousClock.now`.
    public var now: ContinuousClock.Instant { ContinuousClock.now }

    /// `Date()`.
    public var date: Date { Date() }

    /// Sleeps on `ContinuousClock`.
    public func sleep(for duration: Duration) async throws {
        try await ContinuousClock().sleep(for: duration)
    }
}
