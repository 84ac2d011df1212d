public import DevlogModel
public import Foundation

/// A devlog as the store holds it, with its bookkeeping.
public struct StoredDevlog: Sendable, Hashable {
    /// The cycle's id in the store.
    public var id: Int64
    /// The devlog, block for block as saved.
    public var devlog: Devlog
    /// Where it was saved from (a file path, `cli`…), as the caller said.
    public var source: String
    /// What names the cycle in the store, unique to it: `agent|mission|cycle`, or the content
    /// hash it was first saved with when it lacks one of those.
    public var identity: String
    /// `sha256:` and the SHA-256 of the blocks' JSON, which tells whether a save changes anything.
    public var contentHash: String
    /// Bumped by every write of this cycle, starting at 1.
    public var revision: Int64
    /// When the cycle was first stored.
    public var createdAt: Date
    /// When the cycle's content last changed.
    public var updatedAt: Date

    /// A stored devlog.
    public init(id: Int64, devlog: Devlog, source: String, identity: String, contentHash: String, revision: Int64, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.devlog = devlog
        self.source = source
        self.identity = identity
        self.contentHash = contentHash
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
