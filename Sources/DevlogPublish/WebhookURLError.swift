/// A webhook URL that could not be used; the description never repeats the URL, which holds the token.
public struct WebhookURLError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Code: Sendable, Equatable { case notAURL, wrongHost, wrongPath, badID, badToken, badThreadID }
    let code: Code

    init(_ code: Code) { self.code = code }

    /// What is wrong and what a valid URL looks like.
    public var description: String {
        let shape = "expected https://discord.com/api/webhooks/ID/TOKEN (copy it from the channel's Integrations → Webhooks)"
        return switch code {
        case .notAURL: "webhook URL: not a URL; \(shape)"
        case .wrongHost: "webhook URL: the host is not discord.com (or http:// to a loopback address for tests); \(shape)"
        case .wrongPath: "webhook URL: the path is not /api/webhooks/ID/TOKEN; \(shape)"
        case .badID: "webhook URL: the webhook id is not a number; \(shape)"
        case .badToken: "webhook URL: the token holds characters other than letters, digits, '-' and '_'; \(shape)"
        case .badThreadID: "webhook URL: thread_id is not a number; remove it or use the thread's numeric id"
        }
    }
}
