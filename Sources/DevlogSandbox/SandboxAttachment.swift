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
