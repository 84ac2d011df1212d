import GRDB
import GRDBSQLite

/// A plain SQLite connection, for the store's two jobs that need none of GRDB's machinery (its
/// dispatch queue, configuration and statement authorizer, ~1 ms to open): creating a new
/// database's schema, and asking `PRAGMA data_version`. Errors come out as GRDB's, so the store
/// reports them as it reports any other.
final class SQLiteConnection: @unchecked Sendable {
    // @unchecked: a raw SQLite handle; each owner uses it from one thread at a time (the
    // creator while the store opens, the monitor under its lock).

    let handle: OpaquePointer
    private var closed = false

    /// Opens `path` with SQLite's `flags`; SQLite waits up to `busyTimeout` seconds for a lock.
    init(path: String, flags: Int32, busyTimeout: Double) throws {
        var handle: OpaquePointer?
        let opened = sqlite3_open_v2(path, &handle, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard opened == SQLITE_OK, let handle else {
            let error = Self.error(opened, handle)
            sqlite3_close(handle)
            throw error
        }
        sqlite3_busy_timeout(handle, Int32(min(busyTimeout * 1000, Double(Int32.max))))
        self.handle = handle
    }

    deinit {
        close()
    }

    /// Closes the connection now (a store's connections close in a set order: the last one
    /// checkpoints); later calls do nothing.
    func close() {
        guard !closed else { return }
        closed = true
        sqlite3_close_v2(handle)
    }

    /// Runs `sql`, one statement or several.
    func execute(_ sql: String) throws {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw Self.error(code, handle) }
    }

    /// The first column of the first row `sql` returns, as text; `nil` when there is no row.
    func text(_ sql: String) throws -> String? {
        var statement: OpaquePointer?
        let prepared = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard prepared == SQLITE_OK, let statement else { throw Self.error(prepared, handle) }
        defer { sqlite3_finalize(statement) }
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return sqlite3_column_text(statement, 0).map { String(cString: $0) }
        case SQLITE_DONE: return nil
        case let code: throw Self.error(code, handle)
        }
    }

    /// SQLite's error `code` on `handle`, as GRDB reports it.
    static func error(_ code: Int32, _ handle: OpaquePointer?) -> DatabaseError {
        let extended = handle.map { sqlite3_extended_errcode($0) } ?? code
        let message = handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
        return DatabaseError(resultCode: ResultCode(rawValue: extended), message: message)
    }
}
