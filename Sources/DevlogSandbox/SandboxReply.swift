/// An answer before it becomes an HTTP response, with what the counters need to know about it.
struct SandboxReply: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: String = ""
    var contentType: String?
    /// `X-RateLimit-Scope` of a 429 (shared-scope 429s do not count toward a ban).
    var scope: String?
    var isBan = false

    static func json(_ status: Int, _ body: SandboxJSON) -> Self {
        Self(status: status, body: body.serialized, contentType: "application/json")
    }

    static func error(_ error: SandboxAPIError) -> Self {
        json(error.status, error.body)
    }

    static let noContent = Self(status: 204)

    /// Adds the bucket headers every Discord API answer carries.
    mutating func announce(_ bucket: SandboxRateLimiter.BucketState) {
        headers += [
            ("X-RateLimit-Limit", String(bucket.limit)),
            ("X-RateLimit-Remaining", String(bucket.remaining)),
            ("X-RateLimit-Reset", Self.seconds(bucket.resetAt)),
            ("X-RateLimit-Reset-After", Self.seconds(bucket.resetAfter)),
            ("X-RateLimit-Bucket", bucket.bucket),
        ]
    }

    /// A Discord 429: JSON body with `retry_after` (float seconds), `Retry-After` rounded up to whole seconds.
    static func rateLimited(
        retryAfter: Double, scope: String, global: Bool, message: String = "You are being rate limited."
    ) -> Self {
        var reply = json(
            429,
            ["message": .string(message), "retry_after": .number(rounded(retryAfter)), "global": .bool(global)])
        reply.scope = scope
        reply.headers += [("Retry-After", String(Int(retryAfter.rounded(.up)))), ("X-RateLimit-Scope", scope)]
        if global { reply.headers.append(("X-RateLimit-Global", "true")) }
        return reply
    }

    /// The page Cloudflare answers a banned address with (error 1015): HTML, no rate-limit headers.
    static func ban(remaining: Double) -> Self {
        let page = """
            <!DOCTYPE html>
            <html><head><title>Access denied | discord.com used Cloudflare to restrict access</title></head>
            <body><div id="cf-wrapper"><h1><span>Error</span> <span>1015</span></h1>
            <h2>You are being rate limited</h2>
            <p>The owner of this website (discord.com) has banned you temporarily from accessing this website.</p>
            </div></body></html>
            """
        var reply = Self(status: 429, body: page, contentType: "text/html; charset=UTF-8")
        reply.headers = [("Retry-After", String(Int(remaining.rounded(.up))))]
        reply.isBan = true
        return reply
    }

    /// Seconds with millisecond precision, as Discord writes them in headers.
    static func seconds(_ value: Double) -> String {
        let milliseconds = Int64((value * 1000).rounded())
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }

    private static func rounded(_ value: Double) -> Double {
        (value * 1000).rounded() / 1000
    }
}
