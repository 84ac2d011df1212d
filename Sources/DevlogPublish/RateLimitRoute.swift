/// The rate-limit identity of a request before Discord names its bucket: method, webhook and
/// path shape (message ids replaced), since Discord limits webhooks per id and token.
public struct RateLimitRoute: Sendable, Hashable, CustomStringConvertible {
    /// The HTTP method.
    public let method: String
    /// The webhook id (never the token).
    public let webhookID: String
    /// The path below the webhook with ids replaced, such as `/messages/:id`.
    public let shape: String

    /// Creates a route.
    public init(method: String, webhookID: String, shape: String = "") {
        self.method = method
        self.webhookID = webhookID
        self.shape = shape
    }

    /// `METHOD /webhooks/ID/:token/shape`.
    public var description: String { "\(method) /webhooks/\(webhookID)/:token\(shape)" }
}
