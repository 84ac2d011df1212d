import Foundation
import GRDB
import GRDBSQLite
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

    /// Creates a database file that does not exist yet (or is empty: `size` 0) with
    /// ``currentSchema``, recorded as GRDB's migrator records ``newDatabaseMigrations``, on a
    /// plain connection with `synchronous = OFF`; `nil` when the file already has content. The
    /// pool's migrator then finds those applied and runs only later ones.
    ///
    /// Switching a new file to WAL and writing its first WAL frames otherwise cost six fsyncs
    /// (journal, database, WAL header, and the folder for each new file): a few milliseconds on
    /// a quiet disk, tens on a busy one, on every first run. Until the schema exists there is
    /// nothing to lose; later commits sync as configured. A GRDB queue and its migrator took
    /// 4 ms here against 2 for SQLite alone, most of that the DDL itself. Keep the connection
    /// until the pool is open: its WAL, not empty, spares the pool a first write of GRDB's own
    /// and that write's WAL-header fsync.
    static func createIfNew(at path: String, size: Int, busyTimeout: Double, retries: Int, logger: Logger?) throws -> SQLiteConnection? {
        guard size == 0 else { return nil }
        return try retryingBusy(path: path, retries: retries, logger: logger) {
            let connection = try SQLiteConnection(path: path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, busyTimeout: busyTimeout)
            try connection.execute("PRAGMA synchronous = OFF")
            guard try connection.text("PRAGMA journal_mode = WAL") == "wal" else {
                throw DatabaseError(message: "could not switch \(path) to WAL mode")
            }
            try connection.execute("BEGIN IMMEDIATE")
            do {
                // Another process may have created it since the file was found empty.
                if try connection.text("SELECT name FROM sqlite_master WHERE name = 'grdb_migrations'") == nil {
                    // The table and row GRDB's migrator writes for an applied migration.
                    try connection.execute("CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
                    try connection.execute(currentSchema)
                    for identifier in newDatabaseMigrations {
                        try connection.execute("INSERT INTO grdb_migrations (identifier) VALUES ('\(identifier)')")
                    }
                }
                try connection.execute("COMMIT")
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
            return connection
        }
    }
}
