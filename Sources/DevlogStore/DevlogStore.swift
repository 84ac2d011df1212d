public import DevlogModel
import Foundation
import GRDB
public import Logging
import Synchronization

/// The record store: devlogs in one SQLite file, read through a cache that is never stale.
///
/// A devlog is saved and read back whole, block for block (a JSON array in `cycles.blocks`);
/// agents, missions, cycles, tasks and metrics are kept queryable beside the blocks. Many
/// processes may use one file at once: every write is one `BEGIN IMMEDIATE` transaction,
/// retried when SQLite stays busy.
///
/// Reads are served from memory while the file is unchanged. Freshness comes from SQLite: a
/// connection of its own that never writes asks `PRAGMA data_version`, which changes whenever
/// any other connection commits, this process's writer included; a cached devlog read at an
/// older data version is confirmed with a one-row revision check before it is returned.
public final class DevlogStore: RecordStore {
    /// The database file's path.
    public let path: String
    /// The database file's path.
    public var location: String { path }
    /// The database file and the journals SQLite keeps beside it.
    public var localFiles: [String] { ["", "-wal", "-shm", "-journal"].map { path + $0 } }
    /// The configuration the store was opened with.
    public let configuration: Configuration

    let pool: DatabasePool
    /// Never writes, so its `data_version` moves on every commit by any connection.
    private let monitor: DatabaseQueue
    let cache: Mutex<RecordCache>
    let logger: Logger?

    /// Opens (creating when missing) the devlog database at `path` and brings its schema up to date.
    ///
    /// Throws ``StoreError`` when the file is not SQLite, holds another program's tables, or was
    /// written by another version of devlog; the file is left as it was.
    public init(path: String, configuration: Configuration = .init(), logger: Logger? = nil) throws {
        self.path = path
        self.configuration = configuration
        self.logger = logger
        self.cache = Mutex(RecordCache(capacity: max(0, configuration.cacheCapacity)))

        try Self.prepareFolder(for: path)
        try Self.checkExistingFile(at: path)

        var grdb = GRDB.Configuration()
        grdb.foreignKeysEnabled = true
        grdb.busyMode = .timeout(configuration.busyTimeout)
        grdb.maximumReaderCount = max(1, configuration.readerCount)
        grdb.label = "devlog-store"
        // SQLite copies the WAL back every 8,000 pages (32 MiB) instead of 1,000: a bulk import
        // rewrites the same index pages far less often.
        grdb.prepareDatabase { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 8000") }
        var monitorConfiguration = GRDB.Configuration()
        monitorConfiguration.readonly = true
        monitorConfiguration.busyMode = .timeout(configuration.busyTimeout)
        monitorConfiguration.label = "devlog-store-monitor"
        do {
            pool = try Self.retryingBusy(path: path, retries: configuration.maxBusyRetries, logger: logger) {
                try DatabasePool(path: path, configuration: grdb)
            }
            try Self.migrate(pool, path: path, retries: configuration.maxBusyRetries, logger: logger)
            monitor = try DatabaseQueue(path: path, configuration: monitorConfiguration)
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
        logger?.debug("store.opened", metadata: ["store.path": "\(path)"])
    }

    // MARK: - Saving

    /// Saves a whole devlog, prepared in advance on any thread, in one transaction.
    ///
    /// A devlog is identified by agent, mission and cycle label when it has all three, otherwise
    /// by its content hash. The same identity with the same content writes nothing
    /// (`.unchanged`); with other content, that cycle's blocks are replaced (`.updated`).
    @discardableResult
    public func save(_ prepared: PreparedDevlog, source: String) throws -> SaveOutcome {
        let records = try admitted(prepared.encoded)
        let (outcome, stored) = try writing { db in try write(records, source: source, db) }
        saved(outcome, stored)
        return outcome
    }

    /// Saves devlogs in one transaction, each in a savepoint of its own, and gives each one's
    /// outcome or error in the same order. A devlog that cannot be saved changes nothing, and the
    /// others land together: a bulk import writes the pages every save touches (the indexes, the
    /// last page of each table) once per batch instead of once per devlog.
    ///
    /// Throws, with nothing of the batch stored, when an error ends the whole transaction (a full
    /// disk, an I/O error).
    public func save(_ batch: [(devlog: PreparedDevlog, source: String)]) throws -> [Result<SaveOutcome, any Error>] {
        let encoded = batch.map { item in Result { try admitted(item.devlog.encoded) } }
        let results = try writing { db in
            var results: [Result<(SaveOutcome, StoredDevlog?), any Error>] = []
            for (item, records) in zip(batch, encoded) {
                do {
                    let records = try records.get()
                    var written: (SaveOutcome, StoredDevlog?)?
                    try db.inSavepoint {
                        written = try write(records, source: item.source, db)
                        return .commit
                    }
                    results.append(.success(written!))
                } catch let error as DatabaseError {
                    // SQLite rolled the whole transaction back: no devlog of the batch is stored.
                    guard db.isInsideTransaction else { throw error }
                    results.append(.failure(Self.storeError(error, path: path)))
                } catch {
                    results.append(.failure(error))
                }
            }
            return results
        }
        return results.map { result in
            result.map { outcome, stored in
                saved(outcome, stored)
                return outcome
            }
        }
    }

    /// Inserts `records`, or replaces the devlog of the same identity when its content differs.
    private func write(_ records: CycleRecords, source: String, _ db: Database) throws -> (SaveOutcome, StoredDevlog?) {
        if let existing = try CycleRecords.existing(identity: records.identity, db) {
            if existing.contentHash == records.contentHash { return (SaveOutcome(id: existing.id, change: .unchanged), nil) }
            let stored = try records.replace(id: existing.id, identity: records.identity, source: source, now: Date(), db)
            return (SaveOutcome(id: existing.id, change: .updated), stored)
        }
        let stored = try records.insert(source: source, now: Date(), db)
        return (SaveOutcome(id: stored.id, change: .inserted), stored)
    }

    /// Caches a devlog once its transaction committed, and logs the save.
    private func saved(_ outcome: SaveOutcome, _ stored: StoredDevlog?) {
        if let stored { remember(stored) }
        logger?.debug("store.saved", metadata: ["store.id": "\(outcome.id)", "store.change": "\(outcome.change.rawValue)"])
    }

    /// Edits a stored devlog: reads it, runs `edit` and writes the result, all in one
    /// `BEGIN IMMEDIATE` transaction, so concurrent edits from many processes all land.
    ///
    /// `edit` may run more than once when the database stays busy: keep it free of side effects.
    /// Throws ``StoreError`` when no devlog has that id, or when the edit gives the devlog the
    /// agent, mission and cycle of another stored one.
    @discardableResult
    public func update(id: Int64, _ edit: (inout Devlog) throws -> Void) throws -> StoredDevlog {
        let cached = cache.withLock { $0.entry(id)?.stored }
        let (stored, wrote) = try writing { db -> (StoredDevlog, Bool) in
            guard let current = try CycleRecords.existing(id: id, db) else { throw StoreError.notFound(id: id) }
            // The cached copy is the stored one when its revision is the one inside this transaction.
            let before = if let cached, cached.revision == current.revision { cached } else { try Self.load(id: id, db)! }
            var devlog = before.devlog
            try edit(&devlog)
            if devlog == before.devlog { return (before, false) }
            let records = try admitted(Result { try CycleRecords(devlog) })
            let identity = records.identity(replacing: current.identity)
            if identity != current.identity, let other = try CycleRecords.existing(identity: identity, db) {
                throw StoreError.identityConflict(id: id, identity: identity, other: other.id)
            }
            return (try records.replace(id: id, identity: identity, source: before.source, now: Date(), db), true)
        }
        if wrote { remember(stored) }
        return stored
    }

    // MARK: - Reading

    /// The stored devlog with this id, `nil` when there is none. Served from memory while the
    /// database has not changed; always current, whichever process wrote last.
    public func devlog(id: Int64) throws -> StoredDevlog? {
        guard configuration.cacheCapacity > 0 else { return try readUncached(id: id) }
        let version = try dataVersion()
        if let entry = cache.withLock({ $0.entry(id) }) {
            if entry.checkedAt == version {
                cache.withLock { $0.statistics.hits += 1 }
                return entry.stored
            }
            let revision = try perform {
                try pool.read { db in try Int64.fetchOne(db.cachedStatement(sql: "SELECT revision FROM cycles WHERE id = ?"), arguments: [id]) }
            }
            let confirmed = cache.withLock { cache -> Bool in
                guard revision == entry.stored.revision else {
                    cache.remove(id)
                    cache.statistics.invalidations += 1
                    return false
                }
                cache.confirm(id, at: version)
                cache.statistics.hits += 1
                cache.statistics.revalidations += 1
                return true
            }
            if confirmed { return entry.stored }
        }
        let stored = try readUncached(id: id)
        cache.withLock { cache in
            cache.statistics.misses += 1
            if let stored { cache.store(id, RecordCache.Entry(stored: stored, checkedAt: version)) }
        }
        return stored
    }

    /// The stored devlog with this id read from SQLite, bypassing the cache (for comparisons).
    public func readUncached(id: Int64) throws -> StoredDevlog? {
        try perform { try pool.read { db in try Self.load(id: id, db) } }
    }

    /// The latest cycle (by cycle date, then number, then id) of one agent, or of any agent.
    public func latest(agent: String?) throws -> StoredDevlog? {
        let key = agent ?? ""
        var id: Int64?
        if configuration.cacheCapacity > 0 {
            let version = try dataVersion()
            if let known = cache.withLock({ $0.latest[key] }), known.checkedAt == version {
                id = known.id
            } else {
                id = try latestID(agent: agent)
                cache.withLock { $0.latest[key] = (id, version) }
            }
        } else {
            id = try latestID(agent: agent)
        }
        return try id.flatMap { try devlog(id: $0) }
    }

    /// How the read cache has done since the store was opened.
    public var cacheStatistics: CacheStatistics { cache.withLock { $0.statistics } }

    // MARK: - Internals

    private func latestID(agent: String?) throws -> Int64? {
        try perform {
            try pool.read { db in
                if let agent {
                    return try Int64.fetchOne(db.cachedStatement(sql: """
                        SELECT id FROM cycles WHERE agent_id = ? ORDER BY date DESC, number DESC, id DESC LIMIT 1
                        """), arguments: [agent])
                }
                return try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM cycles ORDER BY date DESC, number DESC, id DESC LIMIT 1"))
            }
        }
    }

    /// This process's writes go into the cache as written; the next read confirms the revision
    /// (the monitor's data version has moved), so a racing writer elsewhere is still seen.
    private func remember(_ stored: StoredDevlog) {
        guard configuration.cacheCapacity > 0 else { return }
        cache.withLock { cache in
            if cache.store(stored.id, RecordCache.Entry(stored: stored, checkedAt: nil)) {
                cache.statistics.invalidations += 1
            }
        }
    }

    /// The database's data version as the monitor connection sees it now.
    private func dataVersion() throws -> Int64 {
        try perform { try monitor.inDatabase { db in try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0 } }
    }

    /// Runs one `BEGIN IMMEDIATE` transaction, retried as a whole when SQLite stays busy.
    func writing<T>(_ body: (Database) throws -> T) throws -> T {
        try perform {
            try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        }
    }

    /// What is written for a devlog, refusing what must not be stored (blocks too large to bind).
    private func admitted(_ encoded: Result<CycleRecords, any Error>) throws -> CycleRecords {
        try CycleRecords.admitted(encoded, limit: configuration.maximumDevlogBytes)
    }

    /// Runs database work with busy retries, turning SQLite errors into ``StoreError``.
    func perform<T>(_ body: () throws -> T) throws -> T {
        do {
            return try Self.retryingBusy(path: path, retries: configuration.maxBusyRetries, logger: logger, body)
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }

    static func retryingBusy<T>(path: String, retries: Int, logger: Logger?, _ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            do {
                return try body()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                // SQLite already waited busyTimeout; back off, with jitter so writers spread out.
                attempt += 1
                guard attempt <= retries else { throw StoreError.busy(path: path, attempts: attempt) }
                logger?.warning("store.busy.retry", metadata: ["store.attempt": "\(attempt)", "store.path": "\(path)"])
                let delay = min(0.02 * Double(1 << min(attempt - 1, 10)), 1.0) * Double.random(in: 0.5...1.5)
                Thread.sleep(forTimeInterval: delay)
            }
        }
    }

    static func storeError(_ error: DatabaseError, path: String) -> StoreError {
        if error.resultCode == .SQLITE_NOTADB { return .notADatabase(path: path) }
        // The message and code only: never the statement's arguments.
        return .database(path: path, message: "\(error.message ?? "error") (SQLite code \(error.extendedResultCode.rawValue))")
    }
}

/// A devlog with the part of saving it that needs no database done: its blocks' JSON and their
/// hash. A bulk import prepares the next files on other cores while one is saved.
public struct PreparedDevlog: Sendable {
    package let encoded: Result<CycleRecords, any Error>

    /// Prepares `devlog`; what cannot be stored is reported when it is saved.
    public init(_ devlog: Devlog) {
        encoded = Result { try CycleRecords(devlog) }
    }
}

/// What ``DevlogStore/save(_:source:)`` did.
public struct SaveOutcome: Sendable, Hashable {
    /// What happened to the stored cycle.
    public enum Change: String, Sendable, Hashable {
        /// A new cycle was stored.
        case inserted
        /// A cycle with the same identity existed and its blocks were replaced.
        case updated
        /// A cycle with the same identity and content existed; nothing was written.
        case unchanged
    }

    /// The stored cycle's id.
    public var id: Int64
    /// What happened.
    public var change: Change

    /// An outcome.
    public init(id: Int64, change: Change) {
        self.id = id
        self.change = change
    }
}
