/// A misbehaviour the sandbox acts out instead of (or on top of) its normal answer, one per API request,
/// in the order queued with ``SandboxState/enqueue(_:)``. Introspection routes (`/`, `/messages`) never
/// take faults from the queue.
public enum SandboxFault: Sendable, Equatable {
    /// Handles the request normally. Queued before other faults, it aims them at later requests:
    /// `[.pass, .badGateway]` lets the first request through and fails the second.
    case pass
    /// Answers with this status, body, content type and `headers` and nothing else (no rate-limit headers
    /// unless given), as a proxy in front of Discord would: e.g. `.status(502, body: "<html>…</html>",
    /// contentType: "text/html")`. Also the way to send a malformed answer, such as a 200 whose body is not
    /// a message. Nothing is stored.
    case status(Int, body: String, contentType: String, headers: [String: String] = [:])
    /// Answers 429 as Discord does, with `retry_after`, `Retry-After` and `X-RateLimit-Scope: scope`
    /// (`user`, `shared` or `global`; `global: true` also sends `X-RateLimit-Global` and drops the bucket
    /// headers). Nothing is stored.
    case rateLimited(retryAfter: Double, scope: String, global: Bool)
    /// Answers with the Cloudflare ban page (429, HTML, no `X-RateLimit-*` headers). Nothing is stored.
    case ban
    /// Handles the request normally (a message is stored at once) but holds the answer back this long, in
    /// real time whatever ``DiscordSandbox/Configuration/now`` says, so a client with a shorter timeout
    /// gives up on a request that did succeed.
    case delay(seconds: Double)
    /// Reads the request, stores nothing and closes the connection without answering.
    case dropConnectionBeforeStoring
    /// Handles the request normally (a message IS stored) and closes the connection without answering:
    /// the lost answer after which a client cannot tell whether its message was posted.
    case dropConnectionAfterStoring

    /// A 502 with the HTML page Discord's edge answers when no backend is available.
    public static let badGateway = SandboxFault.status(
        502,
        body: "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n",
        contentType: "text/html")

    /// What the responder does about a request, decided without touching the network.
    enum Plan: Sendable {
        /// Answer this instead of handling the request.
        case answer(SandboxReply)
        /// Handle the request as usual.
        case handle
        /// Handle it, then hold the answer back this many seconds.
        case handleThenHold(seconds: Double)
        /// Handle it, then close the connection without answering.
        case handleThenDrop
        /// Close the connection without handling or answering.
        case drop
    }

    /// The plan for a request to `webhookID` (nil off the webhook routes) at `now` (epoch seconds). An
    /// injected 429 announces the webhook's bucket as empty until it may be retried, as Discord's do.
    func plan(webhookID: String?, bucketLimit: Int, banDuration: Double, now: Double) -> Plan {
        switch self {
        case .pass:
            return .handle
        case .status(let status, let body, let contentType, let headers):
            let fields = headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            return .answer(SandboxReply(status: status, headers: fields, body: body, contentType: contentType))
        case .rateLimited(let retryAfter, let scope, let global):
            var reply = SandboxReply.rateLimited(retryAfter: retryAfter, scope: scope, global: global)
            if !global, let webhookID {
                reply.announce(SandboxRateLimiter.BucketState(
                    bucket: SandboxRateLimiter.bucketHash(webhookID: webhookID), limit: bucketLimit, remaining: 0,
                    resetAt: now + retryAfter, resetAfter: retryAfter))
            }
            return .answer(reply)
        case .ban:
            return .answer(.ban(remaining: banDuration))
        case .delay(let seconds):
            return .handleThenHold(seconds: seconds)
        case .dropConnectionBeforeStoring:
            return .drop
        case .dropConnectionAfterStoring:
            return .handleThenDrop
        }
    }
}
