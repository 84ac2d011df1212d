import Foundation

/// An API request as the sandbox received it, kept in ``SandboxState/requests`` when
/// ``DiscordSandbox/Configuration/recordsRequests`` is on, so a test can check what went over the wire.
public struct SandboxRequest: Sendable {
    /// `POST`, `PATCH`, `GET` or `DELETE`.
    public var method: String
    /// The path with the webhook token replaced by `***`, as in the sandbox's logs (`/api/webhooks/ID/***`):
    /// the token stays out of a failing test's output too.
    public var path: String
    /// Query parameters such as `wait` and `thread_id`; a repeated name keeps its last value.
    public var query: [String: String]
    /// Header fields with lowercased names; repeated fields are joined with `, `.
    public var headers: [String: String]
    /// The body as sent.
    public var body: [UInt8]
    /// The client's address and port: requests that share it came over one kept-alive connection.
    public var connection: String
    /// When it arrived, by ``DiscordSandbox/Configuration/now``.
    public var receivedAt: Date

    /// The JSON the request carried: its body, or the `payload_json` part of a multipart body; `nil`
    /// when there is none or it is not valid JSON.
    public var payload: SandboxJSON? {
        guard let boundary = SandboxMultipart.boundary(contentType: headers["content-type"] ?? "") else {
            return SandboxJSON(parsing: Data(body))
        }
        return SandboxMultipart(body: body, boundary: boundary)?.parts
            .first { $0.name == "payload_json" && $0.filename == nil }
            .flatMap { SandboxJSON(parsing: Data($0.data)) }
    }
}
