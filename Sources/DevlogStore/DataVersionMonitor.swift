import GRDB
import GRDBSQLite
import Synchronization

/// A read-only connection that never writes and only asks `PRAGMA data_version`, which moves on
/// every commit made by any other connection, in this process or another (the store's writer
/// included).
///
/// Opened with SQLite's C API rather than as a GRDB queue: that queue (its own dispatch queue,
/// configuration and statement authorizer) took 0.8 ms to open, on every command, for one pragma.
final class DataVersionMonitor: Sendable {
    /// The connection and its one prepared statement, used by one thread at a time.
    private struct Handles: @unchecked Sendable {
        // @unchecked: raw SQLite pointers, only touched under `handles`' lock.
        let connection: OpaquePointer
        let statement: OpaquePointer
    }

    /// `nil` once closed.
    private let handles: Mutex<Handles?>

    /// Opens the database at `path` read-only; SQLite waits up to `busyTimeout` seconds for a lock.
    init(path: String, busyTimeout: Double) throws {
        var connection: OpaquePointer?
        let opened = sqlite3_open_v2(path, &connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard opened == SQLITE_OK, let connection else {
            let error = Self.error(opened, connection)
            sqlite3_close(connection)
            throw error
        }
        sqlite3_busy_timeout(connection, Int32(min(busyTimeout * 1000, Double(Int32.max))))
        var statement: OpaquePointer?
        let prepared = sqlite3_prepare_v2(connection, "PRAGMA data_version", -1, &statement, nil)
        guard prepared == SQLITE_OK, let statement else {
            let error = Self.error(prepared, connection)
            sqlite3_close(connection)
            throw error
        }
        handles = Mutex(Handles(connection: connection, statement: statement))
    }

    deinit {
        close()
    }

    /// Closes the connection (before the store's others: the last one to close checkpoints).
    func close() {
        handles.withLock { handles in
            guard let open = handles else { return }
            sqlite3_finalize(open.statement)
            sqlite3_close(open.connection)
            handles = nil
        }
    }

    /// The data version now. The first call also maps the connection's wal-index.
    func dataVersion() throws -> Int64 {
        try handles.withLock { handles in
            guard let handles else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the store is closed") }
            defer { sqlite3_reset(handles.statement) }
            let code = sqlite3_step(handles.statement)
            guard code == SQLITE_ROW else { throw Self.error(code, handles.connection) }
            return sqlite3_column_int64(handles.statement, 0)
        }
    }

    /// Runs `body` with the connection, for borrowing its wal-index (``WALChangeCounter``).
    func withConnection<T>(_ body: (OpaquePointer?) throws -> T) rethrows -> T {
        try handles.withLock { try body($0?.connection) }
    }

    /// SQLite's error as GRDB reports it, so the store turns it into a ``StoreError`` as any other.
    private static func error(_ code: Int32, _ connection: OpaquePointer?) -> DatabaseError {
        let extended = connection.map { sqlite3_extended_errcode($0) } ?? code
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
        return DatabaseError(resultCode: ResultCode(rawValue: extended), message: message)
    }
}
