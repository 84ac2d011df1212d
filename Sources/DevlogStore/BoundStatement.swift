import GRDB
import GRDBSQLite

/// Runs one of the store's prepared statements (an `INSERT` or `UPDATE`, or the lookup of a
/// saved cycle), binding values straight into SQLite.
///
/// A save's ~25 inserted rows went through GRDB's `StatementArguments`, which boxes every value
/// in an existential and copies it (the blocks blob twice): a tenth of a save. Here each value
/// goes to `sqlite3_bind_*` as it is, and texts and blobs are copied once, by SQLite; a row read
/// back skips GRDB's `Row`. Only for statements on tables nothing observes: GRDB's execution
/// hooks (transaction observers, region tracking) are skipped.
struct BoundStatement {
    private let statement: OpaquePointer
    /// SQLite's `SQLITE_TRANSIENT`, which the C header spells as a cast Swift does not import.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    /// A valid address for zero bytes of text.
    private static let emptyText: StaticString = ""

    /// Wraps `statement`, one of this store's own prepared statements.
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

    /// Runs a query with the values bound and reads its first row with `read`; `nil` when it
    /// has none. The statement is reset and its values cleared for the next use.
    func firstRow<Row>(_ read: (OpaquePointer) -> Row) throws -> Row? {
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return read(statement)
        case SQLITE_DONE: return nil
        default: throw error()
        }
    }

    /// The text of column `index` of the row `read` is given ('' for NULL).
    static func text(_ row: OpaquePointer, _ index: Int32) -> String {
        guard let bytes = sqlite3_column_text(row, index) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(row, index))), as: UTF8.self)
    }

    /// Runs the statement with the values bound, then clears them for the next row.
    func step() throws {
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        guard sqlite3_step(statement) == SQLITE_DONE else { throw error() }
    }

    /// The connection's error, read before the statement is reset.
    private func error() -> DatabaseError {
        let handle = sqlite3_db_handle(statement)
        return DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(handle)),
                             message: String(cString: sqlite3_errmsg(handle)))
    }
}
