import GRDBSQLite
import Synchronization

/// SQLite's own change counter for a database in WAL mode, read from shared memory with no
/// statement and no lock.
///
/// Every connection to a WAL database, in any process, learns what is committed from the
/// wal-index header at the start of the `-shm` file (SQLite's "WAL-mode File Format" document):
/// 48 bytes stored twice, at offsets 0 and 48, holding `iChange`, which the writer increments with
/// each transaction, `mxFrame` (the last committed frame), the WAL salts (new whenever the log
/// restarts after a checkpoint) and a checksum of the rest. A commit becomes visible to readers
/// only when its writer rewrites this header (the second copy, then the first), and a connection
/// starting a read compares it with the one it saw last: that comparison is what moves
/// `PRAGMA data_version`. So a header equal to one seen before means no transaction has committed
/// since, in this process or any other. It is a change counter, not a time limit: nothing expires
/// by waiting, and any commit changes it at once.
///
/// The header is read through SQLite's own mapping of the wal-index, borrowed from a connection
/// with the VFS's `xShmMap`: opening the `-shm` file a second time would not do, because closing
/// any descriptor of a file drops every POSIX lock the process holds on it, SQLite's included.
/// The mapping lives as long as that connection. When there is none (no WAL, a VFS without shared
/// memory), or a header cannot be read cleanly (a writer is rewriting it), ``current()`` is `nil`
/// and the store asks SQLite for `data_version` instead.
struct WALChangeCounter: @unchecked Sendable {
    // @unchecked: the only state is a pointer into shared memory that SQLite keeps mapped while
    // the connection it came from is open; it is only read, with atomic loads.

    /// One reading of the wal-index header: equal tokens mean no commit in between.
    struct Token: Equatable, Sendable {
        var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

        static func == (lhs: Token, rhs: Token) -> Bool {
            lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2
                && lhs.words.3 == rhs.words.3 && lhs.words.4 == rhs.words.4 && lhs.words.5 == rhs.words.5
        }

        /// `iChange`, bytes 8–11 of the header.
        var change: UInt32 { withUnsafeBytes(of: words) { $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self) } }
        /// `iVersion`, bytes 0–3.
        var version: UInt32 { withUnsafeBytes(of: words) { $0.loadUnaligned(fromByteOffset: 0, as: UInt32.self) } }
        /// `isInit`, byte 12: nonzero once a connection has built the wal-index.
        var isInitialised: Bool { withUnsafeBytes(of: words) { $0[12] != 0 } }
    }

    /// The only wal-index format SQLite has written (`iVersion`, bytes 0–3).
    private static let formatVersion: UInt32 = 3_007_000
    /// The size of a wal-index region, as SQLite maps them.
    private static let regionSize: Int32 = 32_768

    private let header: UnsafePointer<Atomic<UInt64>>

    /// The wal-index header of `connection`'s main database, which must have read in WAL mode
    /// already (so its wal-index is mapped); `nil` when there is none to borrow. It stays valid
    /// until that connection closes: the caller keeps it open as long as the counter is used.
    init?(connection: OpaquePointer?) {
        var file: UnsafeMutablePointer<sqlite3_file>?
        guard sqlite3_file_control(connection, "main", SQLITE_FCNTL_FILE_POINTER, &file) == SQLITE_OK,
              let methods = file?.pointee.pMethods, methods.pointee.iVersion >= 2, let shmMap = methods.pointee.xShmMap
        else { return nil }
        var region: UnsafeMutableRawPointer?
        // bExtend 0: only a region that exists; SQLite hands back the one it already mapped.
        let mapped = withUnsafeMutablePointer(to: &region) { pointer in
            pointer.withMemoryRebound(to: UnsafeMutableRawPointer?.self, capacity: 1) { shmMap(file, 0, Self.regionSize, 0, $0) }
        }
        guard mapped == SQLITE_OK, let region else { return nil }
        header = UnsafePointer(region.assumingMemoryBound(to: Atomic<UInt64>.self))
        guard current() != nil else { return nil }
    }

    /// The header as it is now; `nil` while a writer is between its two copies, or when the
    /// header is not an initialised one of the known format.
    func current() -> Token? {
        // SQLite's own reader order: the first copy, then the second; a writer writes them in
        // the opposite order, so equal copies are a whole header. Acquiring loads make every call
        // read the shared memory again and keep the two reads in this order.
        let first = read(copyAt: 0)
        let second = read(copyAt: 6)
        guard first == second else { return nil }
        guard first.version == Self.formatVersion, first.isInitialised else { return nil }
        return first
    }

    private func read(copyAt word: Int) -> Token {
        Token(words: (
            header[word].load(ordering: .acquiring), header[word + 1].load(ordering: .acquiring),
            header[word + 2].load(ordering: .acquiring), header[word + 3].load(ordering: .acquiring),
            header[word + 4].load(ordering: .acquiring), header[word + 5].load(ordering: .acquiring)
        ))
    }
}
