/// A misbehaviour the sandbox acts out instead of (or on top of) its normal answer, one per API request,
/// in the order queued with ``SandboxState/enqueue(_:)``. Introspection routes (`/`, `/messages`) never
/// take faults from the queue.
public enum SandboxFault: Sendable, Equatable {
    /// Answers with this status, body and content type and nothing else (no rate-limit headers), as a
    /// proxy in front of Discord would: e.g. `.status(502, body: "<html>…</html>", contentType: "text/html")`.
    /// Nothing is stored.
    case status(Int, body: String, contentType: String)
    /// Answers 429 as Discord does, with `retry_after`, `Retry-After` and `X-RateLimit-Scope: scope`
    /// (`user`, `shared` or `global`; `global: true` also sends `X-RateLimit-Global` and drops the bucket
    /// headers). Nothing is stored.
    case rateLimited(retryAfter: Double, scope: String, global: Bool)
    /// Answers with the Cloudflare ban page (429, HTML, no `X-RateLimit-*` headers). Nothing is stored.
    case ban
    /// Handles the request normally (a message is stored at once) but holds the answer back this long,
    /// so a client with a shorter timeout gives up on a request that did succeed.
    case delay(seconds: Double)
    /// Reads the request, stores nothing and closes the connection without answering.
    case dropConnectionBeforeStoring
    /// Handles the request normally (a message IS stored) and closes the connection without answering.
    case dropConnectionAfterStoring

    /// A 502 with the HTML page Discord's edge answers when no backend is available.
    public static let badGateway = SandboxFault.status(
        502,
        body: "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n",
        contentType: "text/html")
}
