import GRDB
import GRDBSQLite

/// Runs one prepared `INSERT` or `UPDATE`, binding values straight into SQLite.
///
/// A save's ~25 inserted rows went through GRDB's `StatementArguments`, which boxes every value
/// in an existential and copies it (the blocks blob twice): a tenth of a save. Here each value
/// goes to `sqlite3_bind_*` as it is, and texts and blobs are copied once, by SQLite. Only for
/// statements inside the caller's transaction on tables nothing observes: GRDB's execution hooks
/// (transaction observers, region tracking) are skipped.
struct RowInserter {
    private let statement: OpaquePointer
    /// SQLite's `SQLITE_TRANSIENT`, which the C header spells as a cast Swift does not import.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    /// A valid address for zero bytes of text.
    private static let emptyText: StaticString = ""

    /// Wraps `statement`, which must be an `INSERT` or `UPDATE` of this store's own prepared statements.
    init(_ statement: Statement) {
        self.statement = statement.sqliteStatement
    }

    func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(statement, index, value)
    }

    func bind(_ value: Int?, at index: Int32) {
        if let value { sqlite3_bind_int64(statement, index, Int64(value)) } else { sqlite3_bind_null(statement, index) }
    }

    func bind(_ value: Double?, at index: Int32) {
        if let value { sqlite3_bind_double(statement, index, value) } else { sqlite3_bind_null(statement, index) }
    }

    func bind(_ value: String?, at index: Int32) {
        guard var value else {
            sqlite3_bind_null(statement, index)
            return
        }
        value.withUTF8 { utf8 in
            // An empty buffer may have no address, and a null address would bind NULL, not ''.
            let bytes = UnsafeRawPointer(utf8.baseAddress ?? Self.emptyText.utf8Start)
            // SQLITE_TRANSIENT: SQLite copies the text before this buffer goes away.
            sqlite3_bind_text(statement, index, bytes.assumingMemoryBound(to: CChar.self), Int32(utf8.count), Self.transient)
        }
    }

    func bind(bytes: [UInt8], at index: Int32) {
        bytes.withUnsafeBytes { buffer in
            // A null address would bind NULL, not an empty blob: zeroblob(0) is the empty one.
            guard let address = buffer.baseAddress else {
                sqlite3_bind_zeroblob(statement, index, 0)
                return
            }
            sqlite3_bind_blob(statement, index, address, Int32(buffer.count), Self.transient)
        }
    }

    /// Runs the statement with the values bound, then clears them for the next row.
    func step() throws {
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            let handle = sqlite3_db_handle(statement)
            let error = DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(handle)),
                                      message: String(cString: sqlite3_errmsg(handle)))
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
            throw error
        }
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }
}
