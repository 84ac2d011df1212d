/// A checked execute or edit request: what the client asked to store, before it becomes a message.
struct SandboxDraft: Sendable {
    /// `nil` when the request did not mention the field (an edit then keeps the old value); an explicit
    /// `null` arrives as empty.
    var content: String?
    var embeds: [SandboxJSON]?
    var username: String?
    var avatarURL: String?
    var threadName: String?
    /// Ids listed in `attachments` (edits keep only these of the old attachments); `nil` when absent.
    var keptAttachmentIDs: [String]?
}
