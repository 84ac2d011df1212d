import CCurl
import Dispatch
import Foundation
import Logging

/// An ``HTTPTransport`` over libcurl: one easy handle reused for every request, so the TLS
/// connection to Discord stays open between posts (keep-alive), and TLS peer and host checks on.
///
/// Proxies come from the environment as libcurl reads them (`https_proxy`, `HTTPS_PROXY`,
/// `http_proxy`, `ALL_PROXY`, `NO_PROXY`; see libcurl-env(3)), except for a loopback host: a
/// request to one never goes through a proxy (`CURLOPT_NOPROXY` `*`), so a webhook token meant
/// for this machine, sent over plain http, stays on it. Plain `http://` is refused unless the
/// host is a loopback address, and redirects are not followed. A request already handed to libcurl runs to its end or its
/// timeout even if the calling task is cancelled.
public final class CurlTransport: HTTPTransport, @unchecked Sendable {
    // @unchecked Sendable: the only mutable state is the easy handle, and it is used solely from
    // `queue`, a serial queue, so no two threads ever touch it at once.

    /// Timeouts and identification for ``CurlTransport``.
    public struct Configuration: Sendable {
        /// Longest wait for the TCP and TLS connection. Default 10 seconds.
        public var connectTimeout: Duration
        /// Longest time for one whole request, connection included. Default 30 seconds.
        public var requestTimeout: Duration
        /// The `User-Agent` header, in the `DiscordBot (name, version)` shape Discord documents.
        /// Default `DiscordBot (devlog, 1.0)`.
        public var userAgent: String

        /// Creates a configuration; every parameter has the documented default.
        public init(
            connectTimeout: Duration = .seconds(10),
            requestTimeout: Duration = .seconds(30),
            userAgent: String = "DiscordBot (devlog, 1.0)"
        ) {
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.userAgent = userAgent
        }
    }

    let configuration: Configuration
    let handleForQueue: CurlEasyHandle
    private let logger: Logger
    // curl_easy_perform blocks its thread for the whole request. Running it on the cooperative
    // pool would pin one of its few threads (two on this machine) and could starve every other
    // task, so requests run on this dedicated serial queue, which also serialises handle use.
    private let queue = DispatchQueue(label: "devlog.publish.curl")

    /// Creates a transport with its own easy handle.
    ///
    /// - Throws: ``HTTPTransportError`` of kind `other` when libcurl cannot be initialised.
    public init(configuration: Configuration = Configuration(), logger: Logger) throws {
        guard let handle = CurlEasyHandle() else {
            throw HTTPTransportError(kind: .other, requestMayHaveBeenSent: false, detail: CurlEasyHandle.unavailableReason ?? "libcurl could not create a handle")
        }
        self.configuration = configuration
        self.handleForQueue = handle
        self.logger = logger
    }

    /// Sends `request` on the shared handle, one request at a time.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try Self.checkScheme(of: request)
        logger.debug("http.request", metadata: ["http.method": "\(request.method)", "http.url": "\(request.redactedURL)"])
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try self.perform(request) })
            }
        }
    }

    /// Refuses every scheme but https, and http to a loopback host.
    static func checkScheme(of request: HTTPRequest) throws {
        guard let components = URLComponents(string: request.url), let scheme = components.scheme?.lowercased() else {
            throw HTTPTransportError(kind: .refusedURL, requestMayHaveBeenSent: false, detail: "\(request.redactedURL) is not a valid URL")
        }
        if scheme == "https" { return }
        if scheme == "http", let host = components.host, isLoopback(host) { return }
        throw HTTPTransportError(
            kind: .refusedURL, requestMayHaveBeenSent: false,
            detail: "\(request.redactedURL) is refused: only https://, or http:// to 127.0.0.0/8, ::1 or localhost, may be used")
    }

    /// Whether `url`'s host is a loopback address, so that the request must bypass proxies.
    static func hasLoopbackHost(_ url: String) -> Bool {
        URLComponents(string: url)?.host.map(isLoopback) ?? false
    }

    /// Whether `host` names the loopback interface: `localhost`, 127.0.0.0/8 or ::1.
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if bare == "localhost" || bare == "::1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ UInt8($0) != nil }) else { return false }
        return octets[0] == "127"
    }
}
