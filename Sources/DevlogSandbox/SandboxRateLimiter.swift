/// The sandbox's rate-limit bookkeeping as a pure state machine: callers pass the time in and get
/// decisions back, so the rules are testable without a clock or a network.
///
/// Three rules, as Discord documents them:
/// - a per-webhook bucket (`limit` requests per `window` seconds, a fixed window that starts with its
///   first request) whose state every response announces in `X-RateLimit-*` headers;
/// - a per-channel message limit that no header announces (429 with scope `shared`);
/// - the invalid-request limit: too many 401/403/429 answers to one client address within a window bans
///   that address. Shared-scope 429s do not count, as Discord's rate-limit page says.
struct SandboxRateLimiter: Sendable {
    /// Numbers the rules use; see ``DiscordSandbox/Configuration``.
    struct Settings: Sendable {
        var bucketLimit: Int
        var bucketWindow: Double
        var channelLimit: Int
        var channelWindow: Double
        var banThreshold: Int
        var banWindow: Double
        var banDuration: Double
    }

    /// What the bucket headers say after a request was counted.
    struct BucketState: Sendable, Equatable {
        var bucket: String
        var limit: Int
        var remaining: Int
        /// Epoch seconds at which the bucket refills.
        var resetAt: Double
        /// Seconds from now until it refills.
        var resetAfter: Double
    }

    private struct Bucket {
        var count = 0
        var resetAt = 0.0
    }

    let settings: Settings
    private var buckets: [String: Bucket] = [:]
    private var channelSends: [String: [Double]] = [:]
    private var invalidAnswers: [String: [Double]] = [:]
    private var bannedUntil: [String: Double] = [:]

    init(settings: Settings) {
        self.settings = settings
    }

    /// A stable, opaque bucket id for a webhook (FNV-1a of its id, in hex), like Discord's bucket hashes.
    static func bucketHash(webhookID: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "webhook:\(webhookID)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Counts a request against the webhook's bucket. `allowed` is false when the bucket was already empty.
    mutating func take(webhookID: String, now: Double) -> (state: BucketState, allowed: Bool) {
        var bucket = buckets[webhookID] ?? Bucket()
        if now >= bucket.resetAt {
            bucket = Bucket(count: 0, resetAt: now + settings.bucketWindow)
        }
        let allowed = bucket.count < settings.bucketLimit
        if allowed { bucket.count += 1 }
        buckets[webhookID] = bucket
        let state = BucketState(
            bucket: Self.bucketHash(webhookID: webhookID), limit: settings.bucketLimit,
            remaining: settings.bucketLimit - bucket.count, resetAt: bucket.resetAt,
            resetAfter: max(0, bucket.resetAt - now))
        return (state, allowed)
    }

    /// Records a message sent to a channel; returns the seconds to wait instead when the channel is full.
    mutating func send(toChannel channelID: String, now: Double) -> Double? {
        var sends = channelSends[channelID, default: []].filter { $0 > now - settings.channelWindow }
        defer { channelSends[channelID] = sends }
        if sends.count >= settings.channelLimit, let oldest = sends.first {
            return oldest + settings.channelWindow - now
        }
        sends.append(now)
        return nil
    }

    /// Records a 401, 403 or non-shared 429 answered to `client`; bans it once the threshold is reached.
    mutating func recordInvalid(client: String, now: Double) {
        var answers = invalidAnswers[client, default: []].filter { $0 > now - settings.banWindow }
        answers.append(now)
        if answers.count >= settings.banThreshold {
            bannedUntil[client] = now + settings.banDuration
            answers.removeAll()
        }
        invalidAnswers[client] = answers
    }

    /// Seconds left of `client`'s ban, or `nil` when it is not banned.
    func banRemaining(client: String, now: Double) -> Double? {
        guard let until = bannedUntil[client], until > now else { return nil }
        return until - now
    }
}
