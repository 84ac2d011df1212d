/// Where a request goes, from its path. Webhook routes accept `/api/v{N}/…` and unversioned `/api/…`.
enum SandboxRoute: Equatable, Sendable {
    /// `GET /`: the HTML view of the channel.
    case page
    /// `GET /messages`: every stored message as JSON.
    case messageList
    /// `/api/…/webhooks/{id}/{token}`.
    case execute(webhookID: String, token: String)
    /// `/api/…/webhooks/{id}/{token}/messages/{message_id}`.
    case message(webhookID: String, token: String, messageID: String)
    /// Any other path under `/api`.
    case otherAPI
    /// Anything else.
    case unknown

    init(path: String) {
        let components = path.split(separator: "/").map(String.init)
        if components.isEmpty {
            self = .page
            return
        }
        if components == ["messages"] {
            self = .messageList
            return
        }
        guard components.first == "api" else {
            self = .unknown
            return
        }
        var rest = components.dropFirst()
        if let version = rest.first, version.hasPrefix("v"), !version.dropFirst().isEmpty,
            version.dropFirst().allSatisfy(\.isNumber)
        {
            rest = rest.dropFirst()
        }
        let parts = Array(rest)
        if parts.count == 3, parts[0] == "webhooks" {
            self = .execute(webhookID: parts[1], token: parts[2])
        } else if parts.count == 5, parts[0] == "webhooks", parts[3] == "messages" {
            self = .message(webhookID: parts[1], token: parts[2], messageID: parts[4])
        } else {
            self = .otherAPI
        }
    }

    /// The webhook id when this is a webhook route.
    var webhookID: String? {
        switch self {
        case .execute(let id, _), .message(let id, _, _): id
        default: nil
        }
    }

    /// A counter key, and the path for logs with the token masked (the token is a secret).
    func key(method: String) -> String {
        switch self {
        case .execute: "\(method) /webhooks/{id}/{token}"
        case .message: "\(method) /webhooks/{id}/{token}/messages/{message_id}"
        default: "other"
        }
    }

    /// The path as it may appear in logs: the token replaced by `***`.
    var redactedPath: String {
        switch self {
        case .page: "/"
        case .messageList: "/messages"
        case .execute(let id, _): "/api/webhooks/\(id)/***"
        case .message(let id, _, let messageID): "/api/webhooks/\(id)/***/messages/\(messageID)"
        case .otherAPI: "/api/…"
        case .unknown: "(unknown)"
        }
    }
}
