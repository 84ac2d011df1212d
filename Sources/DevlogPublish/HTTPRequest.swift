import Foundation

/// One HTTP request for an ``HTTPTransport``.
///
/// The URL of a webhook request contains the webhook token, so a request carries the strings that
/// must never be shown (`secrets`); its description and ``redactedURL`` replace them with `***`.
public struct HTTPRequest: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The request method, such as `GET` or `POST`.
    public var method: String
    /// The absolute URL, secrets included: hand it only to the transport.
    public var url: String
    /// The header fields to send.
    public var headers: HTTPHeaders
    /// The body to send; empty for none.
    public var body: Data
    /// Substrings of `url` (and of anything derived from it) that must never be shown.
    public var secrets: [String]

    /// Creates a request.
    public init(method: String, url: String, headers: HTTPHeaders = [:], body: Data = Data(), secrets: [String] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.secrets = secrets
    }

    /// The URL with every secret replaced by `***`, safe to log.
    public var redactedURL: String { redact(url) }

    /// Returns `text` with every secret of this request replaced by `***`.
    public func redact(_ text: String) -> String {
        secrets.filter { !$0.isEmpty }.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
    }

    /// `METHOD redacted-url`.
    public var description: String { "\(method) \(redactedURL)" }

    /// Same as ``description``: the secrets stay hidden in debug output too.
    public var debugDescription: String { description }

    /// A mirror without the raw URL, so `dump(request)` cannot show the secrets either.
    public var customMirror: Mirror {
        Mirror(self, children: ["method": method, "url": redactedURL, "headers": headers.fields.count, "bodyBytes": body.count])
    }
}
