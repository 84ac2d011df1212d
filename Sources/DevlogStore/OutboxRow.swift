public import Foundation

/// One delivered (or attempted) part of a devlog on one webhook, as the outbox table keeps it.
///
/// A plain record so the store stays free of HTTP: the publisher's own record type is mapped to
/// and from this one outside the store. Holds the webhook id only, never its token.
public struct OutboxRow: Sendable, Hashable {
    /// The devlog's key (a cycle id, as text).
    public var devlogKey: String
    /// The webhook's id.
    public var webhookID: String
    /// The part's position, from 0.
    public var partIndex: Int
    /// The fingerprint of the part's payload when the row was written.
    public var contentHash: String
    /// `pending`, `sent` or `failed`.
    public var state: String
    /// Sends tried for this part, over every run.
    public var attempts: Int
    /// The last failure, already redacted by the publisher.
    public var lastError: String?
    /// Discord's message id, once known.
    public var messageID: String?
    /// Discord's channel (or thread) id, once known.
    public var channelID: String?
    /// When the part was first confirmed sent; kept across later edits. Set by the store.
    public var firstSentAt: Date?
    /// When the row last changed.
    public var updatedAt: Date

    /// Creates a row; ``firstSentAt`` is the store's to fill.
    public init(devlogKey: String, webhookID: String, partIndex: Int, contentHash: String, state: String, attempts: Int,
                lastError: String? = nil, messageID: String? = nil, channelID: String? = nil, firstSentAt: Date? = nil, updatedAt: Date) {
        self.devlogKey = devlogKey
        self.webhookID = webhookID
        self.partIndex = partIndex
        self.contentHash = contentHash
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.messageID = messageID
        self.channelID = channelID
        self.firstSentAt = firstSentAt
        self.updatedAt = updatedAt
    }
}
