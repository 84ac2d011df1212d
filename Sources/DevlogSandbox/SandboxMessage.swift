import Foundation

/// A message a webhook posted to the sandbox, with the history Discord itself would not show
/// (edit count, deletion), so tests can check exactly what a publisher did.
public struct SandboxMessage: Sendable, Equatable {
    /// Snowflake id, as a string (as Discord sends it).
    public var id: String
    /// The webhook that posted it.
    public var webhookID: String
    /// The channel it landed in: the thread's id when posted to a thread, else the webhook's channel.
    public var channelID: String
    /// The thread it was posted to (`thread_id` query, or the thread created for `thread_name`).
    public var threadID: String?
    /// The forum thread name it was created with (`thread_name` in the body).
    public var threadName: String?
    /// The display name: the request's `username`, else the webhook's name.
    public var username: String
    /// The request's `avatar_url`, if any.
    public var avatarURL: String?
    /// The text, `""` when there is none.
    public var content: String
    /// Embeds as sent (plus `type: "rich"`, which Discord adds).
    public var embeds: [SandboxJSON]
    /// Files sent with it.
    public var attachments: [SandboxAttachment]
    /// When it was posted.
    public var timestamp: Date
    /// When it was last edited, if ever.
    public var editedTimestamp: Date?
    /// How many times it was edited.
    public var editCount: Int
    /// True once deleted; deleted messages stay in ``SandboxState/messages`` for inspection.
    public var isDeleted: Bool
}

/// A file stored with a sandbox message (its bytes are not kept, only what Discord reports about it).
public struct SandboxAttachment: Sendable, Equatable {
    /// Snowflake id, as Discord gives each attachment.
    public var id: String
    /// The name the client gave the file part.
    public var filename: String
    /// Size in bytes.
    public var size: Int
    /// The part's `Content-Type`, when it had one.
    public var contentType: String?

    /// Creates an attachment record.
    public init(id: String, filename: String, size: Int, contentType: String? = nil) {
        self.id = id
        self.filename = filename
        self.size = size
        self.contentType = contentType
    }
}
