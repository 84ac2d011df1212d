/// A labelled line of a section the frame names: a file, message, plan, document link,
/// success criterion, commit or Discord detail.
///
/// One shape serves these because real devlogs write them all as `- **Label:** value` or
/// `- value`; ``kind`` says which record it is.
public struct Entry: Sendable, Hashable, Codable {
    /// Which record an entry is.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case fileModified = "file-modified"
        case fileCreated = "file-created"
        case messageSent = "message-sent"
        case messageReceived = "message-received"
        case inbox
        case deployment
        case integration
        case blocker
        case plan
        case dependency
        case coordinationNeed = "coordination-need"
        case commit
        case branch
        case objective
        case criterion
        case document
        case discord
    }

    /// Which record this is.
    public var kind: Kind
    /// The label (`To Agent-5`, `Commit Hash`), empty for plain bullets.
    public var label: String
    /// The text as written.
    public var value: String
    /// A status, when the line carries one.
    public var status: Status?

    /// An entry.
    public init(kind: Kind, label: String, value: String, status: Status? = nil) {
        self.kind = kind
        self.label = label
        self.value = value
        self.status = status
    }
}
