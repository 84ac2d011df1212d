public import DevlogModel
public import DevlogStore
import Foundation
public import Logging
import PostgresNIO
import Synchronization

/// The record store on a PostgreSQL server, shared by agents on several machines: the same
/// records, queries, outbox and publishing coordination as ``DevlogStore``, one transaction each.
///
/// Saves of one identity are serialized by an advisory lock on it, edits by a row lock on the
/// cycle (`SELECT … FOR UPDATE`), rate-limit updates by one advisory lock; a publication is
/// claimed by one atomic upsert, its lease measured on the server's clock. Reads are checked
/// against the server each time: a devlog kept in memory is returned only when the row's
/// revision is still the one it was read at, so a write from any machine is seen at once.
public final class PostgresStore: RecordStore {
    /// The server and database, without the password.
    public let server: PostgresLocation
    /// The store's settings (its cache size and largest devlog; SQLite's busy settings unused).
    public let configuration: DevlogStore.Configuration

    let session: PostgresSession
    let logger: Logger?
    /// Devlogs read before, by id; each read confirms the revision with the server.
    let cache: Mutex<[Int64: StoredDevlog]>

    /// Connects to the database `server` names and brings its schema up to date.
    ///
    /// Throws ``StoreError`` when the server cannot be reached, refuses the login, or the
    /// database holds another program's tables or a newer devlog's schema; nothing is changed then.
    public init(server: PostgresLocation, configuration: DevlogStore.Configuration = .init(), logger: Logger? = nil) throws {
        self.server = server
        self.configuration = configuration
        self.logger = logger
        cache = Mutex([:])
        session = try PostgresSession(location: server, retries: max(configuration.maxBusyRetries, 5), logger: logger)
        try migrate()
        logger?.debug("store.opened", metadata: ["store.location": "\(server)"])
    }

    /// The URL without its password.
    public var location: String { server.description }
    /// None: the records are on the server.
    public var localFiles: [String] { [] }

    // MARK: - Saving

    /// Saves a whole devlog in one transaction; see ``RecordStore/save(_:source:)``.
    @discardableResult
    public func save(_ prepared: PreparedDevlog, source: String) throws -> SaveOutcome {
        let records = try CycleRecords.admitted(prepared.encoded, limit: configuration.maximumDevlogBytes)
        let (outcome, stored) = try session.transaction { transaction -> (SaveOutcome, StoredDevlog?) in
            try Self.lockIdentity(records.identity, transaction)
            if let existing = try Self.existing(identity: records.identity, transaction) {
                if existing.contentHash == records.contentHash { return (SaveOutcome(id: existing.id, change: .unchanged), nil) }
                let stored = try Self.replace(id: existing.id, with: records, identity: records.identity, source: source, transaction)
                return (SaveOutcome(id: existing.id, change: .updated), stored)
            }
            let stored = try Self.insert(records, source: source, transaction)
            return (SaveOutcome(id: stored.id, change: .inserted), stored)
        }
        if let stored { remember(stored) }
        logger?.debug("store.saved", metadata: ["store.id": "\(outcome.id)", "store.change": "\(outcome.change.rawValue)"])
        return outcome
    }

    /// Edits a stored devlog in one transaction, its row locked meanwhile; see ``RecordStore/update(id:_:)``.
    @discardableResult
    public func update(id: Int64, _ edit: (inout Devlog) throws -> Void) throws -> StoredDevlog {
        let (stored, wrote) = try session.transaction { transaction -> (StoredDevlog, Bool) in
            guard let before = try Self.load(id: id, lock: true, transaction) else { throw StoreError.notFound(id: id) }
            var devlog = before.devlog
            try edit(&devlog)
            if devlog == before.devlog { return (before, false) }
            let records = try CycleRecords.admitted(Result { try CycleRecords(devlog) }, limit: configuration.maximumDevlogBytes)
            let identity = records.identity(replacing: before.identity)
            if identity != before.identity {
                try Self.lockIdentity(identity, transaction)
                if let other = try Self.existing(identity: identity, transaction) {
                    throw StoreError.identityConflict(id: id, identity: identity, other: other.id)
                }
            }
            return (try Self.replace(id: id, with: records, identity: identity, source: before.source, transaction), true)
        }
        if wrote { remember(stored) }
        return stored
    }

    // MARK: - Reading

    /// The stored devlog with this id, `nil` when there is none: one round trip, which sends the
    /// blocks only when the copy in memory is not the current revision.
    public func devlog(id: Int64) throws -> StoredDevlog? {
        let cached = configuration.cacheCapacity > 0 ? cache.withLock { $0[id] } : nil
        let known = cached?.revision ?? -1
        let rows = try session.rows("""
            SELECT source, identity, content_hash, revision, created_at, updated_at,
                   CASE WHEN revision = \(known) THEN NULL ELSE blocks END AS blocks
            FROM cycles WHERE id = \(id)
            """)
        guard let row = rows.first else {
            cache.withLock { _ = $0.removeValue(forKey: id) }
            return nil
        }
        let columns = row.makeRandomAccess()
        if let cached, try columns["blocks"].decode(String?.self) == nil { return cached }
        let stored = try Self.stored(id: id, columns)
        remember(stored)
        return stored
    }

    /// The latest cycle (by cycle date, then number, then id) of one agent, or of any agent.
    public func latest(agent: String?) throws -> StoredDevlog? {
        let rows = try session.rows(agent.map {
            "SELECT id FROM cycles WHERE agent_id = \($0) ORDER BY date DESC, number DESC NULLS LAST, id DESC LIMIT 1"
        } ?? "SELECT id FROM cycles ORDER BY date DESC, number DESC NULLS LAST, id DESC LIMIT 1")
        return try rows.first.flatMap { try devlog(id: $0.decode(Int64.self)) }
    }

    // MARK: - Internals

    /// A devlog this process wrote or read, kept for the next read's revision check.
    private func remember(_ stored: StoredDevlog) {
        guard configuration.cacheCapacity > 0 else { return }
        cache.withLock { cache in
            if cache[stored.id] == nil, cache.count >= configuration.cacheCapacity, let evicted = cache.keys.first {
                cache.removeValue(forKey: evicted)
            }
            cache[stored.id] = stored
        }
    }

    /// Holds saves of one identity apart until this transaction ends (two processes saving the
    /// same new cycle would otherwise both insert it).
    static func lockIdentity(_ identity: String, _ transaction: PostgresTransaction) throws {
        try transaction.execute("SELECT pg_advisory_xact_lock(\(AdvisoryLock.identity), hashtext(\(identity)))")
    }

    /// A stored cycle's id, identity and content hash.
    struct Existing {
        var id: Int64
        var identity: String
        var contentHash: String
    }

    static func existing(identity: String, _ transaction: PostgresTransaction) throws -> Existing? {
        try transaction.rows("SELECT id, identity, content_hash FROM cycles WHERE identity = \(identity)").first.map {
            let (id, identity, hash) = try $0.decode((Int64, String, String).self)
            return Existing(id: id, identity: identity, contentHash: hash)
        }
    }

    static func existing(id: Int64, _ transaction: PostgresTransaction) throws -> Existing? {
        try transaction.rows("SELECT id, identity, content_hash FROM cycles WHERE id = \(id)").first.map {
            let (id, identity, hash) = try $0.decode((Int64, String, String).self)
            return Existing(id: id, identity: identity, contentHash: hash)
        }
    }

    /// Reads one stored devlog inside a transaction, its row locked until the end when `lock`.
    static func load(id: Int64, lock: Bool = false, _ transaction: PostgresTransaction) throws -> StoredDevlog? {
        let query: PostgresQuery = lock
            ? "SELECT source, identity, content_hash, revision, created_at, updated_at, blocks FROM cycles WHERE id = \(id) FOR UPDATE"
            : "SELECT source, identity, content_hash, revision, created_at, updated_at, blocks FROM cycles WHERE id = \(id)"
        return try transaction.rows(query).first.map { try stored(id: id, $0.makeRandomAccess()) }
    }

    static func stored(id: Int64, _ columns: PostgresRandomAccessRow) throws -> StoredDevlog {
        guard let blocks = BlocksJSON.decode(try columns["blocks"].decode(String.self)) else {
            throw StoreError.corruptRow(table: "cycles", id: id, column: "blocks", value: "not a JSON array of blocks")
        }
        return StoredDevlog(id: id, devlog: Devlog(blocks: blocks), source: try columns["source"].decode(String.self),
                            identity: try columns["identity"].decode(String.self), contentHash: try columns["content_hash"].decode(String.self),
                            revision: try columns["revision"].decode(Int64.self), createdAt: try columns["created_at"].decode(Date.self),
                            updatedAt: try columns["updated_at"].decode(Date.self))
    }
}
