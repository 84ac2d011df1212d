import Foundation

/// What the outbox knows about one part of one devlog on one webhook.
///
/// Holds the webhook id only, never its token.
public struct OutboxRecord: Sendable, Equatable {
    /// Where a part stands.
    public enum State: String, Sendable, Equatable, CaseIterable {
        /// Recorded before sending; the send may or may not have happened.
        case pending
        /// Discord confirmed it; ``OutboxRecord/messageID`` is the posted message.
        case sent
        /// The last send failed; ``OutboxRecord/lastError`` says why.
        case failed
    }

    /// The devlog this part belongs to (any stable key the caller chooses).
    public var devlogKey: String
    /// The webhook's id.
    public var webhookID: String
    /// The part's position in the devlog's message list, from 0.
    public var partIndex: Int
    /// The fingerprint of the part's payload when this record was written.
    public var contentHash: String
    /// Where the part stands.
    public var state: State
    /// Sends tried for this part, over every run.
    public var attempts: Int
    /// The last failure, redacted (no token).
    public var lastError: String?
    /// Discord's id for the posted message, once known.
    public var messageID: String?
    /// The channel (or thread) Discord put the message in, once known; an archive links to it.
    public var channelID: String?
    /// When the record last changed.
    public var updatedAt: Date

    /// Creates a record.
    public init(
        devlogKey: String, webhookID: String, partIndex: Int, contentHash: String, state: State,
        attempts: Int = 0, lastError: String? = nil, messageID: String? = nil, channelID: String? = nil, updatedAt: Date
    ) {
        self.devlogKey = devlogKey
        self.webhookID = webhookID
        self.partIndex = partIndex
        self.contentHash = contentHash
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.messageID = messageID
        self.channelID = channelID
        self.updatedAt = updatedAt
    }
}
