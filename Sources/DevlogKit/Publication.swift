public import Foundation

/// Where a cycle's devlog stands on Discord: what an archive records beside the file.
public struct Publication: Sendable, Hashable, Codable {
    /// The cycle.
    public var cycleID: Int64
    /// The webhook's id (never its token).
    public var webhookID: String
    /// The channel (or thread) the messages are in, when Discord said.
    public var channelID: String?
    /// The message ids, by part.
    public var messageIDs: [String]
    /// When the first part was first confirmed posted.
    public var firstPostedAt: Date
    /// The mode it was published in.
    public var mode: String

    /// Creates a publication value.
    public init(cycleID: Int64, webhookID: String, channelID: String?, messageIDs: [String], firstPostedAt: Date, mode: String) {
        self.cycleID = cycleID
        self.webhookID = webhookID
        self.channelID = channelID
        self.messageIDs = messageIDs
        self.firstPostedAt = firstPostedAt
        self.mode = mode
    }
}
