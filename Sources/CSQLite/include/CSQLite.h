#ifndef DEVLOG_CSQLITE_H
#define DEVLOG_CSQLITE_H

// C helpers around the system SQLite, for what Swift cannot call (variadic sqlite3_config) or
// should not (a VFS's callbacks).

// SQLite's memory statistics (sqlite3_memory_used, the soft heap limit) take a global mutex on
// every allocation, and Debian's build, without the lookaside allocator, allocates often: 4% of
// a save. devlog uses neither.

/// Turns SQLite's memory statistics off for the process. sqlite3_config's rule applies: call it
/// before any other SQLite call, from one thread. Returns SQLITE_OK, or SQLITE_MISUSE when SQLite
/// had already started (nothing changes then).
int devlog_sqlite_disable_memory_statistics(void);

// A VFS over SQLite's "unix" VFS that hands each transaction's WAL frames to the kernel in one
// write instead of two per frame (a 24-byte header, then the page): a devlog's save commits about
// 20 frames, and their 40 pwrite calls were a fifth of its time. Everything else passes through.
//
// A commit's frames are on disk (in the page cache, as before) when the write of its commit
// frame returns, so before SQLite publishes the commit in the wal-index: other connections and
// processes never see a commit whose frames are missing, and a failed write fails the commit.
// Rewrites of frames already written go straight to the file, and nothing held outlives the
// write lock: see WALWriteBatching.c.

/// Makes the batching VFS SQLite's default until devlog_wal_batching_end(), so that the
/// connections opened meanwhile batch their WAL writes; connections opened later keep the VFS
/// that was the default before. Other threads' connections opened meanwhile batch too, which
/// changes nothing they can observe. Holds a process-wide lock until the end call, which must
/// follow in any case. Returns 1, or 0 when there is no "unix" VFS to wrap (the default stays).
int devlog_wal_batching_begin(void);

/// Restores the default VFS devlog_wal_batching_begin() replaced, and releases its lock.
void devlog_wal_batching_end(void);

/// Totals over the process: WAL writes held back to be joined, and the joined writes made.
typedef struct {
    long long heldWrites;
    long long joinedWrites;
} devlog_wal_batching_counts;

devlog_wal_batching_counts devlog_wal_batching_statistics(void);

#endif
