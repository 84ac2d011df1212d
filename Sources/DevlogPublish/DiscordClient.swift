import Foundation
import Logging

/// Executes, edits, reads and deletes webhook messages over an ``HTTPTransport``, within
/// Discord's rate limits and retrying what can be retried.
///
/// Every request carries `allowed_mentions: {"parse": []}` so nobody is pinged. Messages are
/// checked against Discord's limits before anything is sent. Errors and log lines show the
/// webhook as `…/webhooks/ID/***`, never its token.
///
/// A POST (execute) whose answer is lost after the request went out may have posted: webhooks
/// have no nonce, so the client cannot know. It retries such a POST (losing a devlog part is
/// worse than showing it twice) and logs a warning saying a duplicate is possible.
///
/// Clients that share a ``RateLimitStorage`` (processes sharing one database) send one request at
/// a time per webhook between them and keep to its limits together.
public actor DiscordClient {
    /// Retry and rate-limit settings.
    public struct Configuration: Sendable {
        /// When to retry 5xx answers, timeouts and connection failures. Default ``RetryPolicy/init(maxAttempts:baseDelay:maxDelay:deadline:)``.
        public var retry: RetryPolicy
        /// The limits enforced besides Discord's headers. Default ``RateLimiter/Configuration/init(invalidRequestBudget:invalidRequestWindow:channelLimit:channelWindow:turnLease:turnPoll:)``.
        public var rateLimit: RateLimiter.Configuration

        /// Creates a configuration; every parameter has the documented default.
        public init(retry: RetryPolicy = RetryPolicy(), rateLimit: RateLimiter.Configuration = RateLimiter.Configuration()) {
            self.retry = retry
            self.rateLimit = rateLimit
        }
    }

    let transport: any HTTPTransport
    let configuration: Configuration
    let clock: any PublishClock
    let unitRandom: @Sendable () -> Double
    let logger: Logger
    let rateLimits: any RateLimitStorage
    var rateLimiter: RateLimiter
    /// Names this client's turns in shared limits: its process and a random part, so two
    /// clients never take each other's turn for their own.
    let holderPrefix = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    var requestsClaimed = 0

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - transport: Sends the HTTP requests, usually a ``CurlTransport``.
    ///   - rateLimits: Where the limits shared with other clients are kept; default a storage of
    ///     this client's own.
    ///   - clock: Waits for rate limits and backoff; tests pass one that does not really wait.
    ///   - unitRandom: Draws the backoff jitter in [0, 1); tests pass a fixed value.
    ///   - logger: Receives request and retry events, webhook tokens redacted.
    public init(
        transport: any HTTPTransport, configuration: Configuration = Configuration(),
        rateLimits: any RateLimitStorage = InMemoryRateLimitStorage(),
        clock: any PublishClock = SystemPublishClock(),
        unitRandom: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        logger: Logger
    ) {
        self.transport = transport
        self.configuration = configuration
        self.clock = clock
        self.unitRandom = unitRandom
        self.logger = logger
        self.rateLimits = rateLimits
        self.rateLimiter = RateLimiter(configuration: configuration.rateLimit)
    }

    /// Posts `message` (`POST …?wait=true`) and returns the created message.
    public func execute(_ message: WebhookMessage, on webhook: WebhookURL) async throws -> DiscordMessage {
        try Self.check(message)
        var query = [("wait", "true")]
        if let thread = webhook.threadID { query.append(("thread_id", thread)) }
        let request = try makeRequest("POST", webhook.url(query: query), message: message, mode: .execute, webhook: webhook)
        let response = try await perform(request, route: RateLimitRoute(method: "POST", webhookID: webhook.id))
        return try decodeMessage(response, request: request)
    }

    /// Replaces message `messageID`'s content, embeds and files with `message`'s (`PATCH`).
    ///
    /// - Throws: ``DiscordError`` with ``DiscordError/isUnknownMessage`` when it was deleted.
    public func edit(messageID: String, to message: WebhookMessage, on webhook: WebhookURL) async throws -> DiscordMessage {
        try Self.check(message, editing: true)
        let request = try makeRequest("PATCH", messageURL(messageID, webhook), message: message, mode: .edit, webhook: webhook)
        let response = try await perform(request, route: messageRoute("PATCH", webhook))
        return try decodeMessage(response, request: request)
    }

    /// Reads message `messageID` (`GET`); nil when Discord no longer has it (code 10008).
    public func message(id messageID: String, on webhook: WebhookURL) async throws -> DiscordMessage? {
        let request = HTTPRequest(method: "GET", url: messageURL(messageID, webhook), secrets: webhook.secrets)
        do {
            let response = try await perform(request, route: messageRoute("GET", webhook))
            return try decodeMessage(response, request: request)
        } catch let error as DiscordError where error.isUnknownMessage {
            return nil
        }
    }

    /// Deletes message `messageID` (`DELETE`); returns false when it was already gone (10008).
    @discardableResult
    public func delete(messageID: String, on webhook: WebhookURL) async throws -> Bool {
        let request = HTTPRequest(method: "DELETE", url: messageURL(messageID, webhook), secrets: webhook.secrets)
        do {
            _ = try await perform(request, route: messageRoute("DELETE", webhook))
            return true
        } catch let error as DiscordError where error.isUnknownMessage {
            return false
        }
    }

    private static func check(_ message: WebhookMessage, editing: Bool = false) throws {
        // Edits cannot change the identity, so its overrides are not sent and not checked.
        let problems = message.violations(checkingIdentity: !editing)
        guard problems.isEmpty else {
            throw DiscordError(kind: .invalidMessage, message: "the message breaks Discord's limits; nothing was sent", fieldErrors: problems)
        }
    }

    private func messageURL(_ messageID: String, _ webhook: WebhookURL) -> String {
        let safeID = messageID.filter { $0.isASCII && $0.isNumber }
        return webhook.url("/messages/\(safeID)", query: webhook.threadID.map { [("thread_id", $0)] } ?? [])
    }

    private func messageRoute(_ method: String, _ webhook: WebhookURL) -> RateLimitRoute {
        RateLimitRoute(method: method, webhookID: webhook.id, shape: "/messages/:id")
    }

    private func makeRequest(_ method: String, _ url: String, message: WebhookMessage, mode: WebhookMessage.WireMode, webhook: WebhookURL) throws -> HTTPRequest {
        let boundary = "devlog-\(UUID().uuidString)"
        let body = try message.body(mode, boundary: boundary)
        return HTTPRequest(method: method, url: url, headers: ["Content-Type": body.contentType], body: body.data, secrets: webhook.secrets)
    }

    private func decodeMessage(_ response: HTTPResponse, request: HTTPRequest) throws -> DiscordMessage {
        guard let message = try? JSONDecoder().decode(DiscordMessage.self, from: response.body) else {
            throw DiscordError(kind: .malformedResponse, status: response.status,
                               message: "\(request.description) answered without a message object")
        }
        return message
    }
}
