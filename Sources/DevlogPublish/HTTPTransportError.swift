/// A request that got no complete response: timed out, could not connect, or failed otherwise.
public struct HTTPTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, coarsely: what a retry policy needs to know.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Code: Sendable, Hashable { case timeout, connectionFailed, refusedURL, other }
        private let code: Code

        /// No complete response within the configured time.
        public static let timeout = Kind(code: .timeout)
        /// The connection could not be made, or broke before the response was complete.
        public static let connectionFailed = Kind(code: .connectionFailed)
        /// The URL was refused before anything was sent (for example plain `http://` to a remote host).
        public static let refusedURL = Kind(code: .refusedURL)
        /// Any other failure (TLS, malformed response, out of memory, …).
        public static let other = Kind(code: .other)

        /// A short name for the kind.
        public var description: String {
            switch code {
            case .timeout: "timeout"
            case .connectionFailed: "connection failed"
            case .refusedURL: "refused URL"
            case .other: "transport error"
            }
        }
    }

    /// The coarse kind of failure.
    public let kind: Kind
    /// Whether any of the request may have reached the server: false only when nothing was sent,
    /// so a POST failing with `true` may have been carried out.
    public let requestMayHaveBeenSent: Bool
    /// What happened, secrets already redacted.
    public let detail: String

    /// Creates an error; `detail` must already be redacted.
    public init(kind: Kind, requestMayHaveBeenSent: Bool, detail: String) {
        self.kind = kind
        self.requestMayHaveBeenSent = requestMayHaveBeenSent
        self.detail = detail
    }

    /// `kind: detail`, with a hint on what to check.
    public var description: String {
        switch kind {
        case .timeout: "HTTP \(kind): \(detail); the server may be slow or unreachable, raise the timeout or retry later"
        case .connectionFailed: "HTTP \(kind): \(detail); check the network, proxy settings (https_proxy, no_proxy) and the host"
        default: "HTTP \(kind): \(detail)"
        }
    }
}
