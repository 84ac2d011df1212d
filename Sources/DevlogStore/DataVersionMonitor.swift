import GRDB
import GRDBSQLite
import Synchronization

/// A read-only connection that never writes and only asks `PRAGMA data_version`, which moves on
/// every commit made by any other connection, in this process or another (the store's writer
/// included).
///
/// A plain ``SQLiteConnection`` rather than a GRDB queue: that queue took 0.8 ms to open, on
/// every command, for one pragma.
final class DataVersionMonitor: Sendable {
    /// The connection and its one prepared statement, used by one thread at a time.
    private struct Handles: @unchecked Sendable {
        // @unchecked: a raw SQLite statement, only touched under `handles`' lock.
        let connection: SQLiteConnection
        let statement: OpaquePointer
    }

    /// `nil` once closed.
    private let handles: Mutex<Handles?>

    /// Opens the database at `path` read-only; SQLite waits up to `busyTimeout` seconds for a lock.
    init(path: String, busyTimeout: Double) throws {
        let connection = try SQLiteConnection(path: path, flags: SQLITE_OPEN_READONLY, busyTimeout: busyTimeout)
        var statement: OpaquePointer?
        let prepared = sqlite3_prepare_v2(connection.handle, "PRAGMA data_version", -1, &statement, nil)
        guard prepared == SQLITE_OK, let statement else { throw SQLiteConnection.error(prepared, connection.handle) }
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
            open.connection.close()
            handles = nil
        }
    }

    /// The data version now. The first call also maps the connection's wal-index.
    func dataVersion() throws -> Int64 {
        try handles.withLock { handles in
            guard let handles else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the store is closed") }
            defer { sqlite3_reset(handles.statement) }
            let code = sqlite3_step(handles.statement)
            guard code == SQLITE_ROW else { throw SQLiteConnection.error(code, handles.connection.handle) }
            return sqlite3_column_int64(handles.statement, 0)
        }
    }

    /// Runs `body` with the connection, for borrowing its wal-index (``WALChangeCounter``).
    func withConnection<T>(_ body: (OpaquePointer?) throws -> T) rethrows -> T {
        try handles.withLock { try body($0?.connection.handle) }
    }
}
