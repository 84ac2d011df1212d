import Foundation

/// A webhook request that did not succeed: refused locally, refused by Discord, rate-limited into
/// stopping, or out of retries. The description never holds the webhook token.
public struct DiscordError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Code: Sendable, Hashable { case invalidMessage, rejected, banned, invalidRequestBudget, retriesExhausted, malformedResponse }
        private let code: Code

        /// The message breaks a Discord limit; nothing was sent.
        public static let invalidMessage = Kind(code: .invalidMessage)
        /// Discord answered with a 4xx error (other than a rate limit); never retried.
        public static let rejected = Kind(code: .rejected)
        /// A 429 without rate-limit headers: Discord (Cloudflare) banned this address for a while.
        public static let banned = Kind(code: .banned)
        /// Too many 401/403/429 answers in the last 10 minutes; stopped before Discord bans us.
        public static let invalidRequestBudget = Kind(code: .invalidRequestBudget)
        /// Server errors, timeouts or connection failures outlasted the retry policy.
        public static let retriesExhausted = Kind(code: .retriesExhausted)
        /// A success answer whose body was not the documented message object.
        public static let malformedResponse = Kind(code: .malformedResponse)

        /// A short name for the kind.
        public var description: String {
            switch code {
            case .invalidMessage: "invalid message"
            case .rejected: "rejected"
            case .banned: "banned"
            case .invalidRequestBudget: "invalid request budget"
            case .retriesExhausted: "retries exhausted"
            case .malformedResponse: "malformed response"
            }
        }
    }

    /// The kind of failure.
    public let kind: Kind
    /// The HTTP status Discord answered, if it answered.
    public let status: Int?
    /// Discord's JSON error code (such as 50035, 10015, 50027, 10008), if any.
    public let code: Int?
    /// Discord's message, or a local explanation.
    public let message: String
    /// Field problems, as `path: message` (`content: Must be 2000 or fewer in length.`).
    public let fieldErrors: [String]
    /// The last transport failure, when the request got no answer.
    public let transportError: HTTPTransportError?
    /// Requests made for this operation, retries included.
    public let attempts: Int

    /// Creates an error; every text must already be free of secrets.
    public init(
        kind: Kind, status: Int? = nil, code: Int? = nil, message: String, fieldErrors: [String] = [],
        transportError: HTTPTransportError? = nil, attempts: Int = 0
    ) {
        self.kind = kind
        self.status = status
        self.code = code
        self.message = message
        self.fieldErrors = fieldErrors
        self.transportError = transportError
        self.attempts = attempts
    }

    /// Discord's code 10008: the message was deleted in Discord.
    public var isUnknownMessage: Bool { code == 10008 }

    /// One line a person can act on.
    public var description: String {
        var text = "Discord webhook \(kind)"
        if let status { text += " (HTTP \(status)" + (code.map { ", code \($0)" } ?? "") + ")" }
        text += ": \(message)"
        if !fieldErrors.isEmpty { text += " [" + fieldErrors.joined(separator: "; ") + "]" }
        if let transportError { text += " — last failure: \(transportError)" }
        if let hint { text += "; \(hint)" }
        return text
    }

    private var hint: String? {
        switch code {
        case 10015: "the webhook was deleted: create a new one and update the webhook URL"
        case 50027: "the webhook token is wrong: copy the webhook URL again from Discord"
        case 50035: "fix the fields named above"
        case 10008: "the message was deleted in Discord"
        default: kind == .rejected && status == 403 ? "the webhook may lack permission to post in this channel or thread" : nil
        }
    }

    /// Decodes Discord's error body `{"code", "message", "errors"}` for a failed `response`.
    static func rejected(_ response: HTTPResponse, attempts: Int, redact: (String) -> String) -> DiscordError {
        let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        let code = object?["code"] as? Int
        let message = (object?["message"] as? String).map(redact)
            ?? "HTTP \(response.status) with a body that is not Discord's error object"
        var fields: [String] = []
        if let errors = object?["errors"] { collectFieldErrors(errors, path: [], into: &fields) }
        return DiscordError(kind: .rejected, status: response.status, code: code, message: message,
                            fieldErrors: fields.map(redact), attempts: attempts)
    }

    /// Walks Discord's nested `errors` object: keys form the path, `_errors` lists the messages.
    private static func collectFieldErrors(_ node: Any, path: [String], into fields: inout [String]) {
        guard let dictionary = node as? [String: Any] else { return }
        for key in dictionary.keys.sorted() {
            if key == "_errors", let list = dictionary[key] as? [[String: Any]] {
                let name = path.isEmpty ? "body" : path.joined(separator: ".")
                fields += list.map { "\(name): \($0["message"] as? String ?? "invalid")" }
            } else if let child = dictionary[key] {
                collectFieldErrors(child, path: path + [key], into: &fields)
            }
        }
    }
}
