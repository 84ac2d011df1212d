import Foundation

/// Discord's rate limits as a pure state machine: told what was sent and what came back, it
/// says how long to wait before the next request, or that publishing must stop.
///
/// - Buckets: keyed by `X-RateLimit-Bucket` once a route has revealed it, by route before. When
///   `X-RateLimit-Remaining` reaches 0 the next request waits out `X-RateLimit-Reset-After`
///   (relative seconds, so clock skew does not matter), so a steady stream meets no 429.
/// - 429: waits exactly `retry_after` from the body (the `Retry-After` header when the body lacks
///   it); `global: true` or `X-RateLimit-Scope: global` blocks every bucket.
/// - Ban: a 429 with no `X-RateLimit-*` header at all comes from Cloudflare's ban, and stops.
/// - Invalid requests: 401, 403 and 429 answers (except scope `shared`, which Discord does not
///   count) are counted over a sliding window; at the budget, well below Discord's 10,000 in 10
///   minutes, it stops.
/// - Channel pacing: at most `channelLimit` requests per `channelWindow` per webhook, for the
///   per-channel limit Discord applies without announcing it in headers.
public struct RateLimiter: Sendable {
    /// Limits the rate limiter enforces on its own.
    public struct Configuration: Sendable {
        /// 401/403/429 answers allowed within ``invalidRequestWindow`` before stopping. Default
        /// 1,000, a tenth of the 10,000 that gets an address banned.
        public var invalidRequestBudget: Int
        /// The sliding window for ``invalidRequestBudget``. Default 10 minutes.
        public var invalidRequestWindow: Duration
        /// Requests per webhook within ``channelWindow``; 0 turns pacing off. Default 30.
        public var channelLimit: Int
        /// The window for ``channelLimit``. Default 60 seconds.
        public var channelWindow: Duration

        /// Creates a configuration; every parameter has the documented default.
        public init(
            invalidRequestBudget: Int = 1000, invalidRequestWindow: Duration = .seconds(600),
            channelLimit: Int = 30, channelWindow: Duration = .seconds(60)
        ) {
            self.invalidRequestBudget = invalidRequestBudget
            self.invalidRequestWindow = invalidRequestWindow
            self.channelLimit = channelLimit
            self.channelWindow = channelWindow
        }
    }

    /// What to do before sending a request.
    public enum Decision: Sendable, Equatable {
        /// Send now.
        case proceed
        /// Wait this long, then ask again.
        case wait(Duration)
        /// Send nothing more; the error says why and what to do.
        case stop(DiscordError)
    }

    /// What an answer means for the request that got it.
    public enum Verdict: Sendable, Equatable {
        /// Not rate-limited: handle the answer by its status.
        case accepted
        /// Rate-limited (429): send the same request again after asking ``decide(_:now:)``.
        case rateLimited(retryAfter: Duration, global: Bool)
        /// Stop publishing.
        case stop(DiscordError)
    }

    private struct Bucket: Sendable {
        var remaining: Int?
        var resetAt: ContinuousClock.Instant?
    }

    /// The settings in force.
    public let configuration: Configuration
    private var bucketOfRoute: [RateLimitRoute: String] = [:]
    private var buckets: [String: Bucket] = [:]
    private var globalUntil: ContinuousClock.Instant?
    private var invalidAnswers: [ContinuousClock.Instant] = []
    private var sendsByWebhook: [String: [ContinuousClock.Instant]] = [:]
    private var stopped: DiscordError?

    /// Creates a rate limiter that knows nothing yet.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Decides whether a request on `route` may go now.
    public mutating func decide(_ route: RateLimitRoute, now: ContinuousClock.Instant) -> Decision {
        if let stopped { return .stop(stopped) }
        if let spent = spentBudget(now: now) { return .stop(spent) }
        var waitUntil = now
        if let globalUntil, globalUntil > waitUntil { waitUntil = globalUntil }
        let bucket = buckets[key(for: route)]
        if bucket?.remaining == 0, let resetAt = bucket?.resetAt, resetAt > waitUntil { waitUntil = resetAt }
        if configuration.channelLimit > 0 {
            let recent = (sendsByWebhook[route.webhookID] ?? []).filter { $0 + configuration.channelWindow > now }
            sendsByWebhook[route.webhookID] = recent
            if recent.count >= configuration.channelLimit {
                let freeAt = recent[recent.count - configuration.channelLimit] + configuration.channelWindow
                if freeAt > waitUntil { waitUntil = freeAt }
            }
        }
        return waitUntil > now ? .wait(waitUntil - now) : .proceed
    }

    /// Records that a request on `route` is being sent now.
    public mutating func didSend(_ route: RateLimitRoute, now: ContinuousClock.Instant) {
        sendsByWebhook[route.webhookID, default: []].append(now)
        let key = key(for: route)
        if let remaining = buckets[key]?.remaining, remaining > 0 {
            buckets[key]?.remaining = remaining - 1
        }
    }

    /// Learns from the answer to a request on `route` and says what it means.
    public mutating func didReceive(
        status: Int, headers: HTTPHeaders, body: Data, route: RateLimitRoute, now: ContinuousClock.Instant
    ) -> Verdict {
        if let bucketID = headers["X-RateLimit-Bucket"], !bucketID.isEmpty {
            let previous = bucketOfRoute[route] ?? routeKey(route)
            if previous != bucketID, buckets[bucketID] == nil { buckets[bucketID] = buckets[previous] }
            bucketOfRoute[route] = bucketID
        }
        let key = key(for: route)
        if let remaining = headers["X-RateLimit-Remaining"].flatMap(Int.init) {
            buckets[key, default: Bucket()].remaining = remaining
        }
        if let resetAfter = headers["X-RateLimit-Reset-After"].flatMap(Self.seconds) {
            buckets[key, default: Bucket()].resetAt = now + resetAfter
        }
        let scope = headers["X-RateLimit-Scope"]?.lowercased()
        if status == 401 || status == 403 || (status == 429 && scope != "shared") {
            invalidAnswers.append(now)
        }
        guard status == 429 else {
            if let spent = spentBudget(now: now) { return .stop(spent) }
            return .accepted
        }
        guard headers.containsName(withPrefix: "X-RateLimit-") else {
            let error = DiscordError(
                kind: .banned, status: 429,
                message: "Discord has temporarily banned this address (429 without rate-limit headers); stop publishing and retry after an hour")
            stopped = error
            return .stop(error)
        }
        let answer = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        let retryAfter = (answer?["retry_after"] as? Double).flatMap(Self.seconds)
            ?? headers["Retry-After"].flatMap(Self.seconds)
            ?? headers["X-RateLimit-Reset-After"].flatMap(Self.seconds)
            ?? .seconds(1)
        let global = (answer?["global"] as? Bool) == true || scope == "global"
        if global {
            let until = now + retryAfter
            if globalUntil.map({ until > $0 }) ?? true { globalUntil = until }
        } else {
            buckets[key, default: Bucket()].remaining = 0
            buckets[key, default: Bucket()].resetAt = now + retryAfter
        }
        if let spent = spentBudget(now: now) { return .stop(spent) }
        return .rateLimited(retryAfter: retryAfter, global: global)
    }

    /// The 401/403/429 answers counted in the current window.
    public var invalidAnswerCount: Int { invalidAnswers.count }

    private func key(for route: RateLimitRoute) -> String {
        bucketOfRoute[route] ?? routeKey(route)
    }

    private func routeKey(_ route: RateLimitRoute) -> String { "route:\(route)" }

    /// The error to stop with when the 401/403/429 answers of the current window (older ones
    /// forgotten now) have used up the budget; `nil` while some is left.
    private mutating func spentBudget(now: ContinuousClock.Instant) -> DiscordError? {
        let window = configuration.invalidRequestWindow
        invalidAnswers.removeAll { $0 + window <= now }
        guard invalidAnswers.count >= configuration.invalidRequestBudget else { return nil }
        return DiscordError(
            kind: .invalidRequestBudget,
            message: "\(invalidAnswers.count) answers of 401, 403 or 429 in the last \(configuration.invalidRequestWindow); stopped before Discord bans this address — fix the webhook URL or wait before publishing again")
    }

    private static func seconds(_ text: String) -> Duration? {
        Double(text.trimmingCharacters(in: .whitespaces)).flatMap(seconds)
    }

    private static func seconds(_ value: Double) -> Duration? {
        guard value.isFinite, value >= 0 else { return nil }
        return .nanoseconds(Int64((value * 1_000_000_000).rounded()))
    }
}
