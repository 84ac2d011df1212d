/// What the sandbox has seen and answered on its API routes (introspection routes are not counted).
public struct SandboxCounters: Sendable, Equatable {
    /// API requests received.
    public var requests = 0
    /// 429 answers sent, bans included.
    public var rateLimited = 0
    /// Ban answers sent (a subset of ``rateLimited``).
    public var banned = 0
    /// Connections closed without an answer by a drop fault.
    public var droppedConnections = 0
    /// Requests per route, keyed like `POST /webhooks/{id}/{token}` or
    /// `PATCH /webhooks/{id}/{token}/messages/{message_id}`; anything else under `/api` is `other`.
    public var byRoute: [String: Int] = [:]
    /// Answers per HTTP status (dropped connections have none).
    public var byStatus: [Int: Int] = [:]

    /// All zero.
    public init() {}
}
