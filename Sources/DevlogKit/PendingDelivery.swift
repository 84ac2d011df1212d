public import Foundation

/// A part not confirmed delivered: pending (a send may be in flight or was cut off) or failed.
public struct PendingDelivery: Sendable, Hashable, Codable {
    /// The cycle.
    public var cycleID: Int64
    /// The part, from 0.
    public var part: Int
    /// `pending` or `failed`.
    public var state: String
    /// Sends tried, over every run.
    public var attempts: Int
    /// The last failure (token redacted).
    public var lastError: String?
    /// The webhook as `…/webhooks/ID/***`.
    public var webhook: String
    /// When the part's record last changed.
    public var updatedAt: Date
}
