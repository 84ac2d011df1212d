import Foundation

extension DevlogProject {
    /// Where a cycle was posted, as facts for its placeholders; empty until every part is
    /// confirmed. Stable once posted: the first-post time does not move on an edit.
    func publicationFacts(cycleID: Int64) throws -> [String: String] {
        guard let publication = try publication(for: cycleID) else { return [:] }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return [
            FactKey.discordChannel: publication.channelID.map { "channel \($0) (webhook \(publication.webhookID))" }
                ?? "webhook \(publication.webhookID)",
            FactKey.discordTime: formatter.string(from: publication.firstPostedAt),
            FactKey.discordMessages: publication.messageIDs.joined(separator: ", "),
        ]
    }
}
