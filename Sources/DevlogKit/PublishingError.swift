/// Why publishing could not start: one line saying what to do. Never holds a webhook token.
public struct PublishingError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case noWebhook(agent: String?)
        case badEnvironmentWebhook(String)
        case unknownWebhook(id: String, cycleID: Int64)
    }

    private let code: Code

    /// The explanation, with what to do.
    public var description: String {
        switch code {
        case .noWebhook(let agent):
            "no Discord webhook\(agent.map { " for \($0)" } ?? ""): pass --webhook URL, set DEVLOG_DISCORD_WEBHOOK, or add discord.webhook to .devlog/config.yaml"
        case .badEnvironmentWebhook(let problem):
            "DEVLOG_DISCORD_WEBHOOK: \(problem)"
        case .unknownWebhook(let id, let cycleID):
            "cycle \(cycleID) has deliveries to webhook \(id), which is neither given nor configured; pass its URL with --webhook to retry them"
        }
    }

    static func noWebhook(agent: String?) -> Self { Self(code: .noWebhook(agent: agent)) }
    static func badEnvironmentWebhook(_ problem: String) -> Self { Self(code: .badEnvironmentWebhook(problem)) }
    static func unknownWebhook(id: String, cycleID: Int64) -> Self { Self(code: .unknownWebhook(id: id, cycleID: cycleID)) }
}
