import Foundation
import GRDB
import Logging

extension DevlogStore {
    /// The database file's size in bytes, 0 when it does not exist yet; its folder is created
    /// then. One `stat` when the file is there; C calls, as Foundation's took half a millisecond.
    static func prepareFile(at path: String) throws -> Int {
        var status = stat()
        if stat(path, &status) == 0 { return Int(status.st_size) }
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty else { return 0 }
        var missing: [String] = []
        var current = folder
        while !current.isEmpty, current != "/", stat(current, &status) != 0 {
            missing.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        for directory in missing.reversed() where mkdir(directory, 0o777) != 0 && errno != EEXIST {
            throw StoreError.cannotCreateDirectory(path: directory, reason: String(cString: strerror(errno)))
        }
        guard stat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw StoreError.cannotCreateDirectory(path: folder, reason: "a file of that name is in the way")
        }
        return 0
    }

    /// Refuses a file (of `size` bytes) that is not a devlog database before anything writes to
    /// it: opening a pool would switch it to WAL mode, so the check uses a read-only connection.
    static func checkExistingFile(at path: String, size: Int) throws {
        guard size > 0 else { return }
        var readOnly = GRDB.Configuration()
        readOnly.readonly = true
        let tables: Set<String>
        let applied: Set<String>
        do {
            let queue = try DatabaseQueue(path: path, configuration: readOnly)
            (tables, applied) = try queue.read { db in
                let tables = try String.fetchSet(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                let applied = tables.contains("grdb_migrations")
                    ? try String.fetchSet(db, sql: "SELECT identifier FROM grdb_migrations") : []
                return (tables, applied)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.notADatabase(path: path)
        } catch is DatabaseError {
            // Locked or mid-recovery: the pool's own open will wait for it and report what remains.
            return
        }
        // An empty SQLite file becomes a devlog database; anything else must already be one.
        let ownTables = tables.filter { !$0.hasPrefix("sqlite_") }
        guard !ownTables.isEmpty else { return }
        if let table = (["grdb_migrations"] + requiredTables).first(where: { !tables.contains($0) }) {
            throw StoreError.foreignSchema(path: path, missingTable: table)
        }
        let unknown = applied.subtracting(knownMigrations)
        if !unknown.isEmpty { throw StoreError.newerSchema(path: path, migrations: unknown.sorted()) }
    }

    /// Applies pending migrations. Several processes may open a new file at once; GRDB's
    /// migrator reads what is applied before its transaction, so a loser of that race fails on
    /// a table that now exists. It then finds the migration applied and goes on.
    static func migrate(_ pool: some DatabaseWriter, path: String, retries: Int, logger: Logger?) throws {
        let attempts = migrator.migrations.count + 1
        for attempt in 1...attempts {
            do {
                try retryingBusy(path: path, retries: retries, logger: logger) { try migrator.migrate(pool) }
                return
            } catch let error as DatabaseError where attempt < attempts {
                logger?.debug("store.migrate.raced", metadata: ["store.attempt": "\(attempt)", "store.code": "\(error.resultCode.rawValue)"])
            }
        }
    }

    /// Creates and migrates a database file that does not exist yet (or is empty: `size` 0) on a
    /// connection of its own, with `synchronous = OFF`; `nil` when the file already has content.
    ///
    /// Switching a new file to WAL and writing its first WAL frames otherwise cost six fsyncs
    /// (journal, database, WAL header, and the folder for each new file): a few milliseconds on
    /// a quiet disk, tens on a busy one, on every first run. Until the schema exists there is
    /// nothing to lose; later commits sync as configured. Keep the connection until the pool is
    /// open: its WAL, not empty, spares the pool a first write of GRDB's own and that write's
    /// WAL-header fsync.
    static func createIfNew(at path: String, size: Int, configuration: GRDB.Configuration, retries: Int, logger: Logger?) throws -> DatabaseQueue? {
        guard size == 0 else { return nil }
        var creating = configuration
        creating.label = "devlog-store-create"
        creating.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = OFF")
            guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                throw DatabaseError(message: "could not switch \(path) to WAL mode")
            }
        }
        let queue = try retryingBusy(path: path, retries: retries, logger: logger) {
            try DatabaseQueue(path: path, configuration: creating)
        }
        try migrate(queue, path: path, retries: retries, logger: logger)
        return queue
    }
}
