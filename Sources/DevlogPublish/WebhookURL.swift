import Foundation

/// A Discord webhook address, normalised to API v10, whose token cannot be printed by accident.
///
/// Accepts `https://discord.com/api/webhooks/ID/TOKEN` and its variants (`discordapp.com`,
/// `canary.` and `ptb.` hosts, `/api/vN/`), all sent to `https://discord.com/api/v10`; a
/// `thread_id` query item is kept. For tests and the sandbox, `http://` is accepted when the host
/// is loopback (`127.0.0.0/8`, `::1`, `localhost`), with any port.
///
/// `description`, `debugDescription` and the reflection mirror show ``redacted``
/// (`…/webhooks/ID/***`); the type is deliberately not `Codable`, so it cannot be written out.
public struct WebhookURL: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The webhook's id (a snowflake), safe to show and to store.
    public let id: String
    /// The thread to post into, from the `thread_id` query item.
    public let threadID: String?
    /// Scheme, host and port plus `/api/v10`, without a trailing slash.
    let apiBase: String
    private let token: String

    private static let discordHosts: Set<String> = [
        "discord.com", "discordapp.com", "canary.discord.com", "ptb.discord.com",
        "canary.discordapp.com", "ptb.discordapp.com",
    ]

    /// Parses a webhook URL.
    ///
    /// - Throws: ``WebhookURLError``, whose description never contains the URL or token.
    public init(parsing text: String) throws {
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespacesAndNewlines)),
              let scheme = components.scheme?.lowercased(), let host = components.host?.lowercased()
        else { throw WebhookURLError(.notAURL) }
        if scheme == "https", Self.discordHosts.contains(host), components.port == nil {
            apiBase = "https://discord.com/api/v10"
        } else if scheme == "http", CurlTransport.isLoopback(host) {
            let shownHost = host.contains(":") ? "[\(host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")))]" : host
            apiBase = "http://\(shownHost)\(components.port.map { ":\($0)" } ?? "")/api/v10"
        } else {
            throw WebhookURLError(.wrongHost)
        }
        var segments = components.path.split(separator: "/").map(String.init)
        guard segments.first == "api" else { throw WebhookURLError(.wrongPath) }
        segments.removeFirst()
        if let version = segments.first, version.hasPrefix("v"), Int(version.dropFirst()) != nil {
            segments.removeFirst()
        }
        guard segments.count == 3, segments[0] == "webhooks" else { throw WebhookURLError(.wrongPath) }
        guard Self.isSnowflake(segments[1]) else { throw WebhookURLError(.badID) }
        guard Self.isToken(segments[2]) else { throw WebhookURLError(.badToken) }
        id = segments[1]
        token = segments[2]
        let thread = components.queryItems?.first { $0.name == "thread_id" }?.value
        if let thread, !Self.isSnowflake(thread) { throw WebhookURLError(.badThreadID) }
        threadID = thread
    }

    /// The address with the token replaced by `***`: `https://discord.com/api/v10/webhooks/ID/***`.
    public var redacted: String { "\(apiBase)/webhooks/\(id)/***" }

    /// Same as ``redacted``.
    public var description: String { redacted }

    /// Same as ``redacted``.
    public var debugDescription: String { redacted }

    /// A mirror without the token, so `dump` shows only the redacted form.
    public var customMirror: Mirror {
        Mirror(self, children: ["id": id, "threadID": threadID as Any, "url": redacted])
    }

    /// The full URL for `suffix` (such as `/messages/123`) with `query`; contains the token.
    func url(_ suffix: String = "", query: [(String, String)] = []) -> String {
        var text = "\(apiBase)/webhooks/\(id)/\(token)\(suffix)"
        if !query.isEmpty {
            text += "?" + query.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        }
        return text
    }

    /// The strings a request to this webhook must never show.
    var secrets: [String] { [token] }

    private static func isSnowflake(_ text: String) -> Bool {
        (1...20).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func isToken(_ text: String) -> Bool {
        (1...200).contains(text.count)
            && text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }
    }
}
