@testable import DevlogStore
import Foundation
import GRDBSQLite
import Testing

/// The two ways held WAL frames once outlived their moment, each a loss of committed data, on
/// plain connections (SQLite itself, no GRDB): a small page cache makes a transaction spill.
@Suite("DevlogStore: held WAL frames never outlive their transaction")
struct WALWriteBatchingRecoveryTests {
    static let schema = """
        CREATE TABLE t (id INTEGER PRIMARY KEY, k INT, payload TEXT);
        CREATE INDEX t_k ON t(k);
        CREATE TABLE meta (id INTEGER PRIMARY KEY, total INT);
        INSERT INTO meta VALUES (1, 0);
        CREATE TABLE u (id INTEGER PRIMARY KEY, payload TEXT);
        """

    /// `count` rows of `width`-character payloads, written in three passes (rows, payloads, meta).
    static func insertRows(_ connection: SQLiteConnection, count: Int, width: Int) throws {
        try connection.execute("""
            WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < \(count))
            INSERT INTO t (k, payload) SELECT abs(random()) % 100000, NULL FROM c;
            UPDATE t SET payload = substr(replace(hex(zeroblob(\(width))), '00', id || '-'), 1, \(width)) WHERE payload IS NULL;
            UPDATE meta SET total = (SELECT count(*) FROM t) WHERE id = 1;
            """)
    }

    static func batchingConnection(_ path: String) throws -> SQLiteConnection {
        let connection = try WALWriteBatching.opening {
            try SQLiteConnection(path: path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, busyTimeout: 10)
        }
        try connection.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0")
        return connection
    }

    /// Frames of the WAL file at `path` that SQLite's recovery would accept (salts and running
    /// checksum as the WAL format defines them), and how many of them end with a commit.
    static func recoverableFrames(_ path: String) throws -> (frames: Int, committed: Int) {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path + "-wal")))
        func word(_ offset: Int) -> UInt32 { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) } }
        let bigEndian = word(0) & 1 == 1
        let pageSize = Int(word(8))
        var sums: (UInt32, UInt32) = (0, 0)
        func add(_ range: Range<Int>) {
            for offset in stride(from: range.lowerBound, to: range.upperBound, by: 8) {
                let (x0, x1) = bigEndian ? (word(offset), word(offset + 4)) : (word(offset).byteSwapped, word(offset + 4).byteSwapped)
                sums.0 = sums.0 &+ x0 &+ sums.1
                sums.1 = sums.1 &+ x1 &+ sums.0
            }
        }
        add(0..<24)
        guard sums == (word(24), word(28)) else { return (0, 0) }
        var frames = 0
        var committed = 0
        var offset = 32
        while offset + 24 + pageSize <= bytes.count, word(offset + 8) == word(16), word(offset + 12) == word(20) {
            add(offset..<offset + 8)
            add(offset + 24..<offset + 24 + pageSize)
            guard sums == (word(offset + 16), word(offset + 20)) else { break }
            frames += 1
            if word(offset + 4) != 0 { committed = frames }
            offset += 24 + pageSize
        }
        return (frames, committed)
    }

    @Test("a commit whose spilled frames SQLite rewrites is whole on disk when COMMIT returns")
    func rewrittenFramesAreOnDisk() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("rewrites.sqlite")
        let writer = try Self.batchingConnection(path)
        try writer.execute(Self.schema)
        try writer.execute("PRAGMA cache_size = 10")
        try writer.execute("BEGIN")
        // Spills, then writes spilled pages again: SQLite rewrites their frames' checksums.
        try Self.insertRows(writer, count: 3000, width: 300)
        try writer.execute("COMMIT")
        // Read while the writer is open and idle, as a recovery after a crash right now would.
        let wal = try Self.recoverableFrames(path)
        #expect(wal.frames > 100)
        #expect(wal.committed == wal.frames, "\(wal.frames) valid frames, the last commit at \(wal.committed)")
    }

    @Test("frames of a rolled-back transaction are never written over another writer's commit")
    func rolledBackFramesStayUnwritten() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("rollback.sqlite")
        let first = try Self.batchingConnection(path)
        try first.execute(Self.schema)
        try Self.insertRows(first, count: 500, width: 100)
        // Another process's connection: SQLite's unix VFS. It empties the WAL, so both write from its start.
        let second = try SQLiteConnection(path: path, flags: SQLITE_OPEN_READWRITE, busyTimeout: 10)
        try second.execute("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA wal_checkpoint(TRUNCATE)")
        try first.execute("PRAGMA cache_size = 10")
        try first.execute("BEGIN")
        try first.execute("""
            WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 600)
            INSERT INTO u SELECT i, hex(zeroblob(150)) FROM c
            """)
        try first.execute("ROLLBACK")
        try second.execute("BEGIN IMMEDIATE")
        try Self.insertRows(second, count: 300, width: 300)
        try second.execute("COMMIT")
        // The first connection touches its WAL again.
        #expect(try first.text("SELECT count(*) FROM t") == "800")

        let fresh = try SQLiteConnection(path: path, flags: SQLITE_OPEN_READONLY, busyTimeout: 10)
        #expect(try fresh.text("PRAGMA integrity_check") == "ok")
        #expect(try fresh.text("SELECT count(*) FROM t") == "800")
        #expect(try fresh.text("SELECT total FROM meta") == "800")
    }
}
