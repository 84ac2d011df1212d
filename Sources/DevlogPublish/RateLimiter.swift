import Foundation

/// Discord's rate limits as a pure state machine: told what was sent and what came back, it
/// says how long to wait before the next request, or that publishing must stop.
///
/// What every client of a webhook must see alike is a ``SharedRateLimits`` value the caller
/// passes in and keeps (in a ``RateLimitStorage``, which processes may share); what concerns this
/// client alone, the invalid-request budget and a ban, is kept here.
///
/// - Turns: one request at a time is in flight per webhook, whichever client sends it.
///   ``claim(_:limits:holder:now:)`` takes the turn and the answer gives it back, so every
///   request is decided on what the answers before it announced. A turn never given back (its
///   process was killed) lapses after ``Configuration/turnLease``.
/// - Buckets: keyed by `X-RateLimit-Bucket` once a route has revealed it, by route before. When
///   `X-RateLimit-Remaining` reaches 0 the next request waits out `X-RateLimit-Reset-After`
///   (relative seconds, so clock skew with Discord does not matter), so a steady stream meets no 429.
/// - 429: waits exactly `retry_after` from the body (the `Retry-After` header when the body lacks
///   it); `global: true` or `X-RateLimit-Scope: global` blocks every webhook.
/// - Ban: a 429 with no `X-RateLimit-*` header at all comes from Cloudflare's ban, and stops.
/// - Invalid requests: 401, 403 and 429 answers (except scope `shared`, which Discord does not
///   count) are counted over a sliding window; at the budget, well below Discord's 10,000 in 10
///   minutes, it stops.
/// - Channel pacing: at most `channelLimit` requests per `channelWindow` per webhook, for the
///   per-channel limit Discord applies without announcing it in headers.
/// - A wall clock that went back by more than a turn makes every shared time meaningless: the
///   shared limits are then forgotten, as if nothing had been sent yet.
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
        /// How long a turn to send lasts when it is never given back: the longest a killed
        /// process holds up the others. Default 2 seconds.
        public var turnLease: Duration
        /// How often a client waiting for another's turn looks again. Default 10 milliseconds.
        public var turnPoll: Duration

        /// Creates a configuration; every parameter has the documented default.
        public init(
            invalidRequestBudget: Int = 1000, invalidRequestWindow: Duration = .seconds(600),
            channelLimit: Int = 30, channelWindow: Duration = .seconds(60),
            turnLease: Duration = .seconds(2), turnPoll: Duration = .milliseconds(10)
        ) {
            self.invalidRequestBudget = invalidRequestBudget
            self.invalidRequestWindow = invalidRequestWindow
            self.channelLimit = channelLimit
            self.channelWindow = channelWindow
            self.turnLease = turnLease
            self.turnPoll = turnPoll
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
        /// Rate-limited (429): send the same request again after asking ``decide(_:limits:holder:now:)``.
        case rateLimited(retryAfter: Duration, global: Bool)
        /// Stop publishing.
        case stop(DiscordError)
    }

    /// The settings in force.
    public let configuration: Configuration
    private var invalidAnswers: [Date] = []
    private var stopped: DiscordError?

    /// Creates a rate limiter that knows nothing yet.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Whether request `holder` may go on `route` now, as `limits` stand. Changes nothing, so a
    /// client can look before it locks the shared limits to claim a turn.
    public func decide(_ route: RateLimitRoute, limits: SharedRateLimits, holder: String, now: Date) -> Decision {
        if let stopped { return .stop(stopped) }
        if let spent = spentBudget(now: now) { return .stop(spent) }
        let limits = current(limits, now: now)
        var waitUntil = now
        if let globalUntil = limits.everyWebhook.globalUntil, globalUntil > waitUntil { waitUntil = globalUntil }
        let webhook = limits.webhook
        let bucket = webhook.buckets[Self.key(for: route, in: webhook)]
        if bucket?.remaining == 0, let resetAt = bucket?.resetAt, resetAt > waitUntil { waitUntil = resetAt }
        if configuration.channelLimit > 0 {
            let recent = recentSends(webhook, now: now)
            if recent.count >= configuration.channelLimit {
                let freeAt = recent[recent.count - configuration.channelLimit] + configuration.channelWindow.timeInterval
                if freeAt > waitUntil { waitUntil = freeAt }
            }
        }
        if waitUntil > now { return .wait(Self.duration(from: now, to: waitUntil)) }
        if let turn = webhook.turn, turn.holder != holder, turn.until > now {
            return .wait(min(configuration.turnPoll, Self.duration(from: now, to: turn.until)))
        }
        return .proceed
    }

    /// Decides as ``decide(_:limits:holder:now:)`` and, when the request may go, gives `holder`
    /// the webhook's turn and counts the request in its bucket and channel window.
    public func claim(_ route: RateLimitRoute, limits: inout SharedRateLimits, holder: String, now: Date) -> Decision {
        limits = current(limits, now: now)
        let decision = decide(route, limits: limits, holder: holder, now: now)
        guard decision == .proceed else { return decision }
        var webhook = limits.webhook
        webhook.turn = .init(holder: holder, until: now + configuration.turnLease.timeInterval)
        webhook.sends = recentSends(webhook, now: now) + [now]
        let key = Self.key(for: route, in: webhook)
        if let remaining = webhook.buckets[key]?.remaining, remaining > 0 {
            webhook.buckets[key]?.remaining = remaining - 1
        }
        webhook.seenAt = max(webhook.seenAt ?? now, now)
        limits.webhook = webhook
        return .proceed
    }

    /// Gives back `holder`'s turn when its request got no answer. Whether Discord counted the
    /// request is unknown, so it stays counted.
    public func giveBack(limits: inout SharedRateLimits, holder: String) {
        if limits.webhook.turn?.holder == holder { limits.webhook.turn = nil }
    }

    /// Learns from the answer to request `holder` on `route`, gives its turn back and says what
    /// the answer means.
    public mutating func didReceive(
        status: Int, headers: HTTPHeaders, body: Data, route: RateLimitRoute, limits: inout SharedRateLimits, holder: String, now: Date
    ) -> Verdict {
        limits = current(limits, now: now)
        var webhook = limits.webhook
        if webhook.turn?.holder == holder {
            webhook.turn = nil
            // The channel counted the request when it arrived, at the latest now; while the turn
            // was held, the last send recorded is this one.
            if !webhook.sends.isEmpty { webhook.sends[webhook.sends.count - 1] = now }
        }
        webhook.seenAt = max(webhook.seenAt ?? now, now)
        if let bucketID = headers["X-RateLimit-Bucket"], !bucketID.isEmpty {
            let previous = Self.key(for: route, in: webhook)
            if previous != bucketID, webhook.buckets[bucketID] == nil { webhook.buckets[bucketID] = webhook.buckets[previous] }
            webhook.bucketOfRoute[route.description] = bucketID
        }
        let key = Self.key(for: route, in: webhook)
        if let remaining = headers["X-RateLimit-Remaining"].flatMap(Int.init) {
            webhook.buckets[key, default: .init()].remaining = remaining
        }
        if let resetAfter = headers["X-RateLimit-Reset-After"].flatMap(Self.seconds) {
            webhook.buckets[key, default: .init()].resetAt = now + resetAfter.timeInterval
        }
        defer { limits.webhook = webhook }

        let scope = headers["X-RateLimit-Scope"]?.lowercased()
        let window = configuration.invalidRequestWindow.timeInterval
        invalidAnswers.removeAll { $0 + window <= now }
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
        let until = now + retryAfter.timeInterval
        if global {
            if limits.everyWebhook.globalUntil.map({ until > $0 }) ?? true { limits.everyWebhook.globalUntil = until }
        } else {
            webhook.buckets[key] = .init(remaining: 0, resetAt: until)
        }
        if let spent = spentBudget(now: now) { return .stop(spent) }
        return .rateLimited(retryAfter: retryAfter, global: global)
    }

    /// The 401/403/429 answers counted in the current window.
    public var invalidAnswerCount: Int { invalidAnswers.count }

    private static func key(for route: RateLimitRoute, in webhook: SharedRateLimits.Webhook) -> String {
        webhook.bucketOfRoute[route.description] ?? "route:\(route)"
    }

    private func recentSends(_ webhook: SharedRateLimits.Webhook, now: Date) -> [Date] {
        let window = configuration.channelWindow.timeInterval
        return webhook.sends.filter { $0 + window > now }.sorted()
    }

    /// `limits`, or nothing known when the clock has gone back by more than a turn since a
    /// client last wrote them: their reset times and turns could otherwise hold everyone for as long.
    private func current(_ limits: SharedRateLimits, now: Date) -> SharedRateLimits {
        guard let seenAt = limits.webhook.seenAt, now + configuration.turnLease.timeInterval < seenAt else { return limits }
        return SharedRateLimits()
    }

    /// The error to stop with when the 401/403/429 answers of the current window have used up
    /// the budget; `nil` while some is left.
    private func spentBudget(now: Date) -> DiscordError? {
        let window = configuration.invalidRequestWindow.timeInterval
        let count = invalidAnswers.count { $0 + window > now }
        guard count >= configuration.invalidRequestBudget else { return nil }
        return DiscordError(
            kind: .invalidRequestBudget,
            message: "\(count) answers of 401, 403 or 429 in the last \(configuration.invalidRequestWindow); stopped before Discord bans this address — fix the webhook URL or wait before publishing again")
    }

    /// The wait from `now` to `later`, to the microsecond: dates are doubles, and a wait computed
    /// from two of them should not differ from the figure Discord sent by a rounding error.
    private static func duration(from now: Date, to later: Date) -> Duration {
        .microseconds(Int64((later.timeIntervalSince(now) * 1_000_000).rounded()))
    }

    private static func seconds(_ text: String) -> Duration? {
        Double(text.trimmingCharacters(in: .whitespaces)).flatMap(seconds)
    }

    private static func seconds(_ value: Double) -> Duration? {
        guard value.isFinite, value >= 0 else { return nil }
        return .nanoseconds(Int64((value * 1_000_000_000).rounded()))
    }
}

extension Duration {
    /// The duration in seconds, as dates count them.
    var timeInterval: TimeInterval {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
