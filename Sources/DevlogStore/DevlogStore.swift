public import DevlogModel
import Foundation
import GRDB
public import Logging
import Synchronization

/// The record store: devlogs in one SQLite file, read through a cache that is never stale.
///
/// A devlog is saved and read back whole, block for block; agents, missions, cycles, tasks and
/// metrics are kept queryable beside the blocks. Many processes may use one file at once: every
/// write is one transaction (`BEGIN IMMEDIATE`, or for a save a deferred one that falls back to
/// it when another writer is in the way), retried when SQLite stays busy.
///
/// Reads are served from memory while the file is unchanged. Freshness comes from SQLite: a
/// dedicated connection that never writes asks `PRAGMA data_version`, which changes whenever
/// any other connection commits, this process's writer included; a cached devlog read at an
/// older data version is confirmed with a one-row revision check before it is returned. The
/// question is skipped while SQLite's wal-index header, which every commit rewrites, is the one
/// seen when the version was last asked (``WALChangeCounter``): then no SQL runs at all.
public final class DevlogStore: Sendable {
    /// The database file's path.
    public let path: String
    /// The configuration the store was opened with.
    public let configuration: Configuration

    let pool: DatabasePool
    /// Never writes, so its `data_version` moves on every commit by any connection.
    private let monitor: DataVersionMonitor
    /// The wal-index header, borrowed from `monitor`; `nil` when there is none (always ask `monitor`).
    let changeCounter: WALChangeCounter?
    let cache: Mutex<RecordCache>
    let logger: Logger?
    private let checkpointer: WALCheckpointer

    /// Opens (creating when missing) the devlog database at `path` and brings its schema up to date.
    ///
    /// Throws ``StoreError`` when the file is not SQLite, holds another program's tables, or was
    /// written by a newer devlog; the file is left as it was.
    public init(path: String, configuration: Configuration = .init(), logger: Logger? = nil) throws {
        self.path = path
        self.configuration = configuration
        self.logger = logger
        self.cache = Mutex(RecordCache(capacity: max(0, configuration.cacheCapacity)))

        let size = try Self.prepareFile(at: path)
        try Self.checkExistingFile(at: path, size: size)

        var grdb = GRDB.Configuration()
        grdb.foreignKeysEnabled = true
        grdb.busyMode = .timeout(configuration.busyTimeout)
        grdb.maximumReaderCount = max(1, configuration.readerCount)
        grdb.label = "devlog-store"
        // Checkpoints leave the commit path (see WALCheckpointer); only the writer commits.
        let checkpointer = WALCheckpointer(path: path, threshold: configuration.checkpointFrames, logger: logger)
        self.checkpointer = checkpointer
        grdb.prepareDatabase { db in
            if !db.configuration.readonly, let connection = db.sqliteConnection { checkpointer.attach(to: connection) }
        }
        // Savepoint journals in memory, not in temporary files: with one savepoint per file in
        // a batch, they were half of an import's writes. A batch's journal is a few MiB at most.
        grdb.prepareDatabase { db in try db.execute(sql: "PRAGMA temp_store = MEMORY") }
        do {
            let creator = try Self.createIfNew(at: path, size: size, busyTimeout: configuration.busyTimeout,
                                               retries: configuration.maxBusyRetries, logger: logger)
            pool = try withExtendedLifetime(creator) {
                try Self.retryingBusy(path: path, retries: configuration.maxBusyRetries, logger: logger) {
                    // The pool opens its writer now and its readers on demand: only the writer writes the WAL.
                    try WALWriteBatching.opening { try DatabasePool(path: path, configuration: grdb) }
                }
            }
            try Self.migrate(pool, path: path, retries: configuration.maxBusyRetries, logger: logger)
            monitor = try DataVersionMonitor(path: path, busyTimeout: configuration.busyTimeout)
            // A first read maps the wal-index, which the counter borrows for the monitor's lifetime.
            _ = try monitor.dataVersion()
            changeCounter = monitor.withConnection { WALChangeCounter(connection: $0) }
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
        logger?.debug("store.opened", metadata: ["store.path": "\(path)"])
    }

    deinit {
        // The checkpointing connection closes last, so its close checkpoints and removes the WAL.
        monitor.close()
        try? pool.close()
        checkpointer.closeLast()
    }

    /// Starts copying the WAL back into the database on a background thread, without waiting.
    ///
    /// A store's last close does that copy (and its `fsync`s) itself; a process that has written
    /// all it will write can call this first, so the copy overlaps its remaining work (git, in
    /// `devlog cycle`) instead of delaying its exit.
    public func checkpointSoon() {
        checkpointer.checkpointSoon()
    }

    // MARK: - Saving

    /// Saves a whole devlog in one transaction.
    ///
    /// A devlog is identified by agent, mission and cycle label when it has all three, otherwise
    /// by its content hash. The same identity with the same content writes nothing
    /// (`.unchanged`); with other content, that cycle's blocks are replaced (`.updated`).
    @discardableResult
    public func save(_ devlog: Devlog, source: String) throws -> SaveOutcome {
        let facts = CycleFacts(devlog)
        let (outcome, stored) = try perform {
            try pool.writeWithoutTransaction { db -> (SaveOutcome, StoredDevlog?) in
                let save = { (db: Database) in try Self.saveInTransaction(facts, source: source, now: Date(), db) }
                return try Self.deferredTransaction(db, save) ?? Self.immediateTransaction(db, save)
            }
        }
        if let stored { remember(stored) }
        logger?.debug("store.saved", metadata: ["store.id": "\(outcome.id)", "store.change": "\(outcome.change.rawValue)"])
        return outcome
    }

    /// Saves many devlogs, each in its own savepoint — SQLite's nested transaction — inside one
    /// write transaction: each devlog lands whole or not at all, exactly as with ``save(_:source:)``,
    /// and a failing one is rolled back alone, but the batch pays for one commit instead of one
    /// per devlog. Results come back in input order.
    ///
    /// A process killed mid-batch loses the whole uncommitted batch, never part of a devlog;
    /// saving again is idempotent. Keep batches small (tens of devlogs): the write lock is held
    /// for the whole batch.
    public func save(batch: [(devlog: Devlog, source: String)]) -> [Result<SaveOutcome, any Error>] {
        save(prepared: batch.map { (PreparedDevlog($0.devlog), $0.source) })
    }

    /// ``save(batch:)`` for devlogs prepared in advance (on another thread, say).
    public func save(prepared batch: [(devlog: PreparedDevlog, source: String)]) -> [Result<SaveOutcome, any Error>] {
        var results = [Result<SaveOutcome, any Error>?](repeating: nil, count: batch.count)
        do {
            let written = try perform {
                try pool.writeWithoutTransaction { db -> [(Int, Result<(SaveOutcome, StoredDevlog?), any Error>)] in
                    // Re-imports mostly find what is stored: as in save(_:source:), plain reads on the
                    // writer connection answer those without SQLite's write lock or a reader's transaction.
                    var pending: [(index: Int, facts: CycleFacts, source: String)] = []
                    for (index, item) in batch.enumerated() {
                        let facts = item.devlog.facts
                        do {
                            if let known = try CycleFacts.existing(identity: facts.identity, db), known.contentHash == facts.contentHash {
                                results[index] = .success(SaveOutcome(id: known.id, change: .unchanged))
                            } else {
                                pending.append((index, facts, item.source))
                            }
                        } catch let error as DatabaseError {
                            results[index] = .failure(Self.storeError(error, path: path))
                        }
                    }
                    guard !pending.isEmpty else { return [] }
                    return try Self.immediateTransaction(db) { db in
                        let now = Date()
                        return try pending.map { item in
                            var saved: (SaveOutcome, StoredDevlog?)?
                            do {
                                try db.inSavepoint {
                                    saved = try Self.saveInTransaction(item.facts, source: item.source, now: now, db)
                                    return .commit
                                }
                                return (item.index, .success(saved!))
                            } catch {
                                // Some errors (disk full, I/O) make SQLite roll the whole transaction
                                // back: the batch fails as a whole, the devlogs after it unsaved.
                                guard db.isInsideTransaction else { throw error }
                                return (item.index, .failure(error))
                            }
                        }
                    }
                }
            }
            for (index, result) in written {
                results[index] = result.map { outcome, stored in
                    if let stored { remember(stored) }
                    return outcome
                }
            }
        } catch {
            // The write failed as a whole: every devlog not already found unchanged failed with it.
            for index in results.indices where results[index] == nil { results[index] = .failure(error) }
        }
        return results.map { $0! }
    }

    /// Inserts, replaces or leaves a devlog by its identity, inside the caller's transaction.
    private static func saveInTransaction(_ facts: CycleFacts, source: String, now: Date, _ db: Database) throws -> (SaveOutcome, StoredDevlog?) {
        if let existing = try CycleFacts.existing(identity: facts.identity, db) {
            if existing.contentHash == facts.contentHash { return (SaveOutcome(id: existing.id, change: .unchanged), nil) }
            let stored = try facts.replace(id: existing.id, identity: facts.identity, source: source, now: now, db)
            return (SaveOutcome(id: existing.id, change: .updated), stored)
        }
        let stored = try facts.insert(source: source, now: now, db)
        return (SaveOutcome(id: stored.id, change: .inserted), stored)
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
            guard let current = try CycleFacts.existing(id: id, db) else { throw StoreError.notFound(id: id) }
            // The cached copy is the stored one when its revision is the one inside this transaction.
            let before = if let cached, cached.revision == current.revision { cached } else { try Self.load(id: id, db)! }
            var devlog = before.devlog
            try edit(&devlog)
            if devlog == before.devlog { return (before, false) }
            let facts = CycleFacts(devlog)
            // A devlog named by its content keeps its first name, so re-importing its file finds it.
            let identity = facts.hasNaturalIdentity || !current.identity.hasPrefix(ContentName.prefix)
                ? facts.identity : current.identity
            if identity != current.identity, let other = try CycleFacts.existing(identity: identity, db) {
                throw StoreError.identityConflict(id: id, identity: identity, other: other.id)
            }
            return (try facts.replace(id: id, identity: identity, source: before.source, now: Date(), db), true)
        }
        if wrote { remember(stored) }
        return stored
    }

    // MARK: - Reading

    /// The stored devlog with this id, `nil` when there is none. Served from memory while the
    /// database has not changed; always current, whichever process wrote last.
    public func devlog(id: Int64) throws -> StoredDevlog? {
        guard configuration.cacheCapacity > 0 else { return try readUncached(id: id) }
        let token = changeCounter?.current()
        // Nothing committed since the data version was last asked: no SQL at all.
        if let token, let stored = cache.withLock({ $0.confirmedEntry(id, unchangedSince: token) }) { return stored }
        let version = try dataVersion(token)
        enum Lookup { case current(StoredDevlog), unconfirmed(StoredDevlog), absent }
        let lookup = cache.withLock { cache -> Lookup in
            guard let entry = cache.entry(id) else { return .absent }
            guard entry.checkedAt == version else { return .unconfirmed(entry.stored) }
            cache.statistics.hits += 1
            return .current(entry.stored)
        }
        switch lookup {
        case let .current(stored):
            return stored
        case let .unconfirmed(stored):
            let revision = try perform {
                try pool.read { db in try Int64.fetchOne(db, sql: "SELECT revision FROM cycles WHERE id = ?", arguments: [id]) }
            }
            let confirmed = cache.withLock { cache -> Bool in
                guard revision == stored.revision else {
                    cache.remove(id)
                    cache.statistics.invalidations += 1
                    return false
                }
                cache.confirm(id, at: version)
                cache.statistics.hits += 1
                cache.statistics.revalidations += 1
                return true
            }
            if confirmed { return stored }
        case .absent:
            break
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
    public func latest(agent: String? = nil) throws -> StoredDevlog? {
        let key = agent ?? ""
        var id: Int64?
        if configuration.cacheCapacity > 0 {
            let version = try dataVersion(changeCounter?.current())
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
                    return try Int64.fetchOne(db, sql: """
                        SELECT id FROM cycles WHERE agent_id = ? ORDER BY date DESC, number DESC, id DESC LIMIT 1
                        """, arguments: [agent])
                }
                return try Int64.fetchOne(db, sql: "SELECT id FROM cycles ORDER BY date DESC, number DESC, id DESC LIMIT 1")
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

    /// The database's data version as seen by the monitor connection; without asking it when
    /// `token`, read before this call, is the wal-index header seen before the last question.
    func dataVersion(_ token: WALChangeCounter.Token?) throws -> Int64 {
        if let token, let version = cache.withLock({ $0.version(unchangedSince: token) }) { return version }
        let version = try perform { try monitor.dataVersion() }
        // The token was read before the question, so a commit in between leaves a token that
        // no longer matches, and the next read asks again.
        if let token { cache.withLock { $0.versionSeen = (token, version) } }
        return version
    }

    /// Runs one `BEGIN IMMEDIATE` transaction, retried as a whole when SQLite stays busy.
    func writing<T>(_ body: (Database) throws -> T) throws -> T {
        try perform { try pool.writeWithoutTransaction { db in try Self.immediateTransaction(db, body) } }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction on the writer connection `db`.
    static func immediateTransaction<T>(_ db: Database, _ body: (Database) throws -> T) throws -> T {
        try transaction("BEGIN IMMEDIATE", db, body)
    }

    /// Runs `body` in a deferred transaction: it reads without SQLite's write lock and takes the
    /// lock at its first write. Most saves are re-saves of what is stored (a read answers them,
    /// the lock never taken) or land while no other process writes; for those, one transaction
    /// instead of a read and then a `BEGIN IMMEDIATE` that reads again. Returns `nil`, with
    /// nothing written, when the write could not take the lock at once — another connection
    /// holds it or has committed since the read — for the caller to run it as an immediate
    /// transaction, which waits its turn.
    static func deferredTransaction<T>(_ db: Database, _ body: (Database) throws -> T) throws -> T? {
        do {
            return try transaction("BEGIN DEFERRED", db, body)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            return nil
        }
    }

    /// `body` between `begin` and `COMMIT`, rolled back when it throws. Cached statements: GRDB's
    /// `inTransaction` compiles BEGIN and COMMIT anew each time.
    private static func transaction<T>(_ begin: String, _ db: Database, _ body: (Database) throws -> T) throws -> T {
        try db.cachedStatement(sql: begin).execute()
        do {
            let result = try body(db)
            try db.cachedStatement(sql: "COMMIT").execute()
            return result
        } catch {
            try? db.rollback()
            throw error
        }
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
