import Foundation

/// The answer to an ``HTTPRequest``: status, header fields of the final response and body.
public struct HTTPResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The header fields of the final response (not of interim `1xx` ones).
    public var headers: HTTPHeaders
    /// The response body.
    public var body: Data

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
