/// When to try a failed request again: server errors (5xx), timeouts and connection failures are
/// retried with exponential backoff and full jitter, within a number of attempts and a deadline;
/// everything else (other 4xx in particular) is final.
public struct RetryPolicy: Sendable {
    /// What went wrong with one attempt.
    public enum Failure: Sendable, Equatable {
        /// An HTTP answer with this status.
        case status(Int)
        /// No answer.
        case transport(HTTPTransportError.Kind)
    }

    /// What to do after a failed attempt.
    public enum Decision: Sendable, Equatable {
        /// Try again after this delay.
        case retry(after: Duration)
        /// Report the failure.
        case giveUp
    }

    /// Attempts in all, the first included. Default 5.
    public var maxAttempts: Int
    /// The backoff scale: attempt n waits up to `baseDelay · 2^(n-1)`. Default 0.5 seconds.
    public var baseDelay: Duration
    /// The largest backoff ceiling. Default 30 seconds.
    public var maxDelay: Duration
    /// No retry starts later than this after the first attempt. Default 2 minutes.
    public var deadline: Duration

    /// Creates a policy; every parameter has the documented default.
    public init(maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30), deadline: Duration = .seconds(120)) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.deadline = deadline
    }

    /// Whether `failure` may succeed if tried again.
    public func isRetryable(_ failure: Failure) -> Bool {
        switch failure {
        case .status(let status): (500...599).contains(status)
        case .transport(let kind): kind == .timeout || kind == .connectionFailed
        }
    }

    /// Decides after attempt number `attempt` (1 for the first) failed with `failure`, `elapsed`
    /// after the first attempt started; `unitRandom` in [0, 1) draws the full jitter:
    /// the delay is `unitRandom · min(maxDelay, baseDelay · 2^(attempt-1))`.
    public func decide(after failure: Failure, attempt: Int, elapsed: Duration, unitRandom: Double) -> Decision {
        guard isRetryable(failure), attempt < maxAttempts else { return .giveUp }
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(maxDelay, baseDelay * (1 << exponent))
        let delay = ceiling * min(max(unitRandom, 0), 1)
        return elapsed + delay > deadline ? .giveUp : .retry(after: delay)
    }
}
