import CSQLite

/// The VFS of `CSQLite`, which writes a transaction's WAL frames to the file in one call
/// instead of two per frame (a save commits about 20): see `CSQLite.h`.
enum WALWriteBatching {
    /// Runs `open` with the batching VFS as SQLite's default, so the connections it opens batch
    /// their WAL writes; other connections of the process, before and after, are not affected.
    static func opening<T>(_ open: () throws -> T) rethrows -> T {
        devlog_wal_batching_begin()
        defer { devlog_wal_batching_end() }
        return try open()
    }

    /// Process-wide totals: WAL writes held back, and the joined writes they went out in.
    static var statistics: (heldWrites: Int, joinedWrites: Int) {
        let counts = devlog_wal_batching_statistics()
        return (Int(counts.heldWrites), Int(counts.joinedWrites))
    }
}
