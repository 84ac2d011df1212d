public import Foundation

/// That a devlog was published to a webhook, and how: what a retry needs to rebuild the same parts.
public struct PublicationRow: Sendable, Hashable {
    /// The devlog's key (a cycle id, as text).
    public var devlogKey: String
    /// The webhook's id.
    public var webhookID: String
    /// The delivery mode's name (`text`, `embed`, `file`).
    public var mode: String
    /// When a publish of it last started.
    public var updatedAt: Date

    /// Creates a row.
    public init(devlogKey: String, webhookID: String, mode: String, updatedAt: Date) {
        self.devlogKey = devlogKey
        self.webhookID = webhookID
        self.mode = mode
        self.updatedAt = updatedAt
    }
}
