import Dispatch
import GRDBSQLite
import Logging
import Synchronization

/// Runs SQLite's WAL checkpoints beside the writer instead of on its commit path.
///
/// By default the connection whose commit takes the WAL past 1,000 frames copies the log back
/// into the database before its `save` returns, waiting on two `fsync`s. SQLite's documentation
/// of `sqlite3_wal_autocheckpoint` allows turning that off and checkpointing from another thread:
/// here a WAL hook on the writer (which replaces the automatic checkpoint) hands the work to a
/// background queue with its own connection, which runs PASSIVE checkpoints: they copy what no
/// reader still needs and never wait for, nor block, readers or writers, in any process.
///
/// A passive checkpoint cannot keep up with a writer that never pauses (the writer appends
/// while it copies, so the log never empties and cannot start over). So once the WAL passes
/// ``hardLimit`` frames, the committing writer waits for the queue and checkpoints through it
/// before going on: with nothing appending meanwhile, the copy completes and the next commit
/// restarts the log from its beginning. The WAL stays bounded, as with SQLite's own setting.
/// Close to that limit the background checkpoints follow every commit, so the writer's own
/// pass finds little left to copy and waits on small `fsync`s only. Under a steady stream of
/// saves that wait comes once per ``hardLimit`` frames: at SQLite's 1,000 and 4,000 it was 10
/// times per 2,000 saves and 7% of their time, hence a default four times larger.
///
/// Every devlog process installs its own, so each bounds the WAL it writes. Nothing waits at
/// exit: an interrupted checkpoint leaves a valid WAL behind, as a crash would. A store that is
/// released closes this connection last (``closeLast()``), so its close checkpoints the rest.
final class WALCheckpointer: Sendable {
    /// New WAL frames (since the last checkpoint copied the rest) after which a commit schedules
    /// a background checkpoint (``DevlogStore/Configuration/checkpointFrames``).
    let threshold: Int32
    /// WAL frames after which the committing writer checkpoints before going on: four thresholds.
    let hardLimit: Int32

    private let path: String
    private let logger: Logger?
    private let queue = DispatchQueue(label: "devlog-store-checkpoint")
    /// The checkpointing connection, opened on first use; used on `queue`, closed by
    /// ``closeLast()`` (or at deinit, when a store failed to open).
    private let connection = Mutex<OpaquePointer?>(nil)
    /// A background checkpoint is queued or running.
    private let scheduled = Atomic<Bool>(false)
    /// How far into the WAL the last checkpoint copied: the next is due `threshold` frames later.
    private let copied = Atomic<Int32>(0)

    init(path: String, threshold: Int, logger: Logger?) {
        self.threshold = Int32(clamping: max(1, threshold))
        hardLimit = Int32(clamping: 4 * max(1, threshold))
        self.path = path
        self.logger = logger
    }

    deinit {
        connection.withLock { handle in
            if let handle { sqlite3_close_v2(handle) }
        }
    }

    /// Takes over checkpointing from the writer connection `db`.
    func attach(to db: OpaquePointer) {
        // The context is unretained: the pool's configuration holds this object for as long as
        // any of its connections is open.
        sqlite3_wal_hook(db, { context, _, _, frames in
            guard let context else { return SQLITE_OK }
            Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue().committed(walFrames: frames)
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Closes the checkpointing connection, after any checkpoint queued or running. Called once
    /// the store's other connections are closed, this close is the process's last, which SQLite
    /// makes checkpoint the whole WAL and delete it. (GRDB closes a pool's writer before its
    /// read-only readers, which cannot checkpoint: without this, the WAL would stay behind.)
    func closeLast() {
        queue.sync {
            connection.withLock { handle in
                if handle == nil { handle = open() }
                if let handle { sqlite3_close_v2(handle) }
                handle = nil
            }
        }
    }

    /// Starts a background checkpoint of everything in the WAL now, unless one is queued already.
    func checkpointSoon() {
        guard !scheduled.exchange(true, ordering: .acquiringAndReleasing) else { return }
        queue.async {
            self.scheduled.store(false, ordering: .releasing)
            self.checkpoint()
        }
    }

    /// Called on the writer after each commit, with the frames now in the WAL.
    private func committed(walFrames frames: Int32) {
        var done = copied.load(ordering: .relaxed)
        if frames < done {
            // The log started over.
            done = 0
            copied.store(0, ordering: .relaxed)
        }
        if frames >= hardLimit {
            queue.sync { checkpoint() }
        } else if frames - done >= threshold || frames >= hardLimit - threshold {
            checkpointSoon()
        }
    }

    /// One PASSIVE checkpoint on the checkpointing connection; failures wait for the next commit.
    private func checkpoint() {
        connection.withLock { handle in
            if handle == nil { handle = open() }
            guard let handle else { return }
            var logFrames: Int32 = 0
            var copiedFrames: Int32 = 0
            let code = sqlite3_wal_checkpoint_v2(handle, "main", SQLITE_CHECKPOINT_PASSIVE, &logFrames, &copiedFrames)
            // SQLITE_BUSY: another connection is checkpointing right now, which is as good.
            if code == SQLITE_OK { copied.store(copiedFrames, ordering: .relaxed) }
            if code != SQLITE_OK, code != SQLITE_BUSY {
                logger?.warning("store.checkpoint.failed", metadata: ["store.path": "\(path)", "store.code": "\(code)"])
            }
        }
    }

    private func open() -> OpaquePointer? {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let handle else {
            sqlite3_close_v2(handle)
            logger?.warning("store.checkpoint.open_failed", metadata: ["store.path": "\(path)"])
            return nil
        }
        // A checkpoint on a connection that has read nothing yet finds no WAL open and does
        // nothing: one read first makes the pager open it.
        sqlite3_exec(handle, "PRAGMA schema_version", nil, nil, nil)
        return handle
    }
}
