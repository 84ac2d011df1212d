/// What one publish did, part by part.
public struct PublishReport: Sendable, Equatable {
    /// Parts left as they were (unchanged and confirmed).
    public var unchanged: [Int] = []
    /// Parts posted as new messages.
    public var posted: [Int] = []
    /// Parts edited in place.
    public var edited: [Int] = []
    /// Parts posted anew because their message was deleted in Discord.
    public var reposted: [Int] = []
    /// Parts posted again after an earlier send may already have posted them (see ``Publisher``).
    public var possiblyDuplicated: [Int] = []
    /// Surplus parts whose messages were deleted.
    public var deleted: [Int] = []
    /// The message id of each part, by part index.
    public var messageIDs: [String] = []

    /// Creates an empty report.
    public init() {}

    /// Whether nothing was sent.
    public var sentNothing: Bool { posted.isEmpty && edited.isEmpty && reposted.isEmpty && deleted.isEmpty }
}
