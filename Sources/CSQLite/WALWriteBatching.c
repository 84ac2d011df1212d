#include "CSQLite.h"
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

// SQLite writes a WAL frame as two calls: its 24-byte header, whose bytes 4-7 hold the database
// size after a commit and zero otherwise (https://www.sqlite.org/fileformat.html#wal_file_format),
// then the page. Frames appended one after another are held in a buffer and written together
// when the commit frame's page arrives. Any write of another shape, a read, sync, truncate, size
// query or close first writes what is held, so SQLite never observes the difference.
//
// Two rules keep what is held from outliving its moment (both were data-losing bugs, found by a
// harness that spills, rolls back, crashes and runs a second writer):
// - Only appends are held. A transaction that writes a spilled page again rewrites the headers
//   of the frames after it in place (new checksums) once its commit frame is out: those rewrites
//   go straight to the file, or the commit would be published with a stale header on disk.
// - Nothing stays held past the transaction: when the connection releases the WAL write lock
//   (wal-index lock 0, on the database file), what is held is written first. Frames of a
//   rolled-back transaction would otherwise be written later, over another writer's commit.

typedef struct HeldFile {
    sqlite3_file base;
    sqlite3_file *real;     // the unix VFS's file, allocated right after this struct
    int isWAL;
    unsigned char *buffer;
    sqlite3_int64 start;    // file offset of buffer[0]
    int length, capacity;
    int awaitingPage;       // the buffer ends with a frame header; its page comes next
    int commitFrame;        // that header is a commit frame's
    sqlite3_int64 written;  // a WAL file: end of what this write transaction wrote or holds
    struct HeldFile *wal;   // a database file: its connection's WAL file, while open
    struct HeldFile *database; // a WAL file: its connection's database file
} HeldFile;

enum {
    frameHeaderSize = 24,
    walHeaderSize = 32,
    // The unix VFS masks each write's length to 17 bits (a larger one fails as SQLITE_FULL),
    // so a flush goes out in pieces below 128 KiB.
    writePiece = 0x1F000,
    // Frames of a transaction too large for memory go out in pieces of this size.
    holdLimit = 1 << 20,
};

static sqlite3_vfs *unixVFS;
static sqlite3_vfs batchingVFS;
static sqlite3_io_methods heldMethods;
static long long heldWrites, joinedWrites;

static void dropHeld(HeldFile *file) {
    file->length = 0;
    file->awaitingPage = 0;
    file->commitFrame = 0;
}

static int writeHeld(HeldFile *file) {
    int rc = SQLITE_OK;
    for (int done = 0; done < file->length && rc == SQLITE_OK; done += writePiece) {
        int amount = file->length - done < writePiece ? file->length - done : writePiece;
        rc = file->real->pMethods->xWrite(file->real, file->buffer + done, amount, file->start + done);
    }
    if (file->length > 0) __atomic_add_fetch(&joinedWrites, 1, __ATOMIC_RELAXED);
    dropHeld(file);
    return rc;
}

static int hold(HeldFile *file, const void *data, int amount, sqlite3_int64 offset) {
    if (file->length == 0) file->start = offset;
    if (file->length + amount > file->capacity) {
        int capacity = file->capacity > 0 ? file->capacity : 64 * 1024;
        while (capacity < file->length + amount) capacity *= 2;
        unsigned char *grown = realloc(file->buffer, (size_t)capacity);
        if (grown == NULL) return SQLITE_IOERR_NOMEM;
        file->buffer = grown;
        file->capacity = capacity;
    }
    memcpy(file->buffer + file->length, data, (size_t)amount);
    file->length += amount;
    __atomic_add_fetch(&heldWrites, 1, __ATOMIC_RELAXED);
    return SQLITE_OK;
}

static int heldWrite(sqlite3_file *handle, const void *data, int amount, sqlite3_int64 offset) {
    HeldFile *file = (HeldFile *)handle;
    if (!file->isWAL) return file->real->pMethods->xWrite(file->real, data, amount, offset);
    // The WAL header (offset 0) starts the log over.
    if (offset == 0) file->written = 0;
    int appends = offset >= file->written;
    if (offset + amount > file->written) file->written = offset + amount;
    int follows = file->length > 0 && offset == file->start + file->length;
    if (file->length > 0 && !follows) {
        int rc = writeHeld(file);
        if (rc != SQLITE_OK) return rc;
    }
    if (amount == frameHeaderSize && offset >= walHeaderSize && appends && !file->awaitingPage) {
        const unsigned char *header = data;
        int rc = hold(file, data, amount, offset);
        if (rc != SQLITE_OK) return rc;
        file->awaitingPage = 1;
        file->commitFrame = (header[4] | header[5] | header[6] | header[7]) != 0;
        return SQLITE_OK;
    }
    if (file->awaitingPage && follows) {
        int commit = file->commitFrame;
        int rc = hold(file, data, amount, offset);
        if (rc != SQLITE_OK) {
            // The write failed: SQLite will not publish these frames, and must not find them later.
            dropHeld(file);
            return rc;
        }
        file->awaitingPage = 0;
        file->commitFrame = 0;
        return commit || file->length >= holdLimit ? writeHeld(file) : SQLITE_OK;
    }
    int rc = writeHeld(file);
    if (rc != SQLITE_OK) return rc;
    return file->real->pMethods->xWrite(file->real, data, amount, offset);
}

static int heldClose(sqlite3_file *handle) {
    HeldFile *file = (HeldFile *)handle;
    int rc = writeHeld(file);
    if (file->database != NULL) file->database->wal = NULL;
    if (file->wal != NULL) file->wal->database = NULL;
    int closed = file->real->pMethods->xClose(file->real);
    free(file->buffer);
    file->buffer = NULL;
    return rc != SQLITE_OK ? rc : closed;
}

static int heldRead(sqlite3_file *handle, void *data, int amount, sqlite3_int64 offset) {
    HeldFile *file = (HeldFile *)handle;
    int rc = writeHeld(file);
    return rc != SQLITE_OK ? rc : file->real->pMethods->xRead(file->real, data, amount, offset);
}

static int heldTruncate(sqlite3_file *handle, sqlite3_int64 size) {
    HeldFile *file = (HeldFile *)handle;
    int rc = writeHeld(file);
    return rc != SQLITE_OK ? rc : file->real->pMethods->xTruncate(file->real, size);
}

static int heldSync(sqlite3_file *handle, int flags) {
    HeldFile *file = (HeldFile *)handle;
    int rc = writeHeld(file);
    return rc != SQLITE_OK ? rc : file->real->pMethods->xSync(file->real, flags);
}

static int heldFileSize(sqlite3_file *handle, sqlite3_int64 *size) {
    HeldFile *file = (HeldFile *)handle;
    int rc = writeHeld(file);
    return rc != SQLITE_OK ? rc : file->real->pMethods->xFileSize(file->real, size);
}

// The rest is the unix VFS's own.
#define REAL(handle) (((HeldFile *)(handle))->real)
static int heldLock(sqlite3_file *h, int lock) { return REAL(h)->pMethods->xLock(REAL(h), lock); }
static int heldUnlock(sqlite3_file *h, int lock) { return REAL(h)->pMethods->xUnlock(REAL(h), lock); }
static int heldCheckReservedLock(sqlite3_file *h, int *out) { return REAL(h)->pMethods->xCheckReservedLock(REAL(h), out); }
static int heldFileControl(sqlite3_file *h, int op, void *arg) { return REAL(h)->pMethods->xFileControl(REAL(h), op, arg); }
static int heldSectorSize(sqlite3_file *h) { return REAL(h)->pMethods->xSectorSize(REAL(h)); }
static int heldDeviceCharacteristics(sqlite3_file *h) { return REAL(h)->pMethods->xDeviceCharacteristics(REAL(h)); }
static int heldShmMap(sqlite3_file *h, int region, int size, int extend, void volatile **out) {
    return REAL(h)->pMethods->xShmMap(REAL(h), region, size, extend, out);
}

// Wal-index lock 0 is the WAL write lock: a write transaction ends when it is released.
static int heldShmLock(sqlite3_file *h, int offset, int n, int flags) {
    HeldFile *wal = ((HeldFile *)h)->wal;
    int rc = SQLITE_OK;
    if (wal != NULL && offset == 0 && (flags & SQLITE_SHM_UNLOCK) && (flags & SQLITE_SHM_EXCLUSIVE)) {
        rc = writeHeld(wal);
        wal->written = 0;
    }
    int unlocked = REAL(h)->pMethods->xShmLock(REAL(h), offset, n, flags);
    return rc != SQLITE_OK ? rc : unlocked;
}

// SQLite publishes a commit in the wal-index around this barrier. By the rules above nothing is
// held then; should anything be, it is written before the header is (the barrier cannot fail).
static void heldShmBarrier(sqlite3_file *h) {
    HeldFile *wal = ((HeldFile *)h)->wal;
    if (wal != NULL && wal->length > 0) (void)writeHeld(wal);
    REAL(h)->pMethods->xShmBarrier(REAL(h));
}
static int heldShmUnmap(sqlite3_file *h, int deleteFlag) { return REAL(h)->pMethods->xShmUnmap(REAL(h), deleteFlag); }
static int heldFetch(sqlite3_file *h, sqlite3_int64 offset, int amount, void **out) { return REAL(h)->pMethods->xFetch(REAL(h), offset, amount, out); }
static int heldUnfetch(sqlite3_file *h, sqlite3_int64 offset, void *page) { return REAL(h)->pMethods->xUnfetch(REAL(h), offset, page); }

static int batchingOpen(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *handle, int flags, int *outFlags) {
    (void)vfs;
    HeldFile *file = (HeldFile *)handle;
    memset(file, 0, sizeof *file);
    file->real = (sqlite3_file *)&file[1];
    int rc = unixVFS->xOpen(unixVFS, name, file->real, flags, outFlags);
    // SQLite closes a file whose open failed only when its methods are set.
    if (rc != SQLITE_OK || file->real->pMethods == NULL) return rc;
    file->isWAL = (flags & SQLITE_OPEN_WAL) != 0;
    file->base.pMethods = &heldMethods;
    if (file->isWAL) {
        // SQLite opens a WAL with a name that leads back to its connection's database file.
        sqlite3_file *database = sqlite3_database_file_object(name);
        if (database != NULL && database->pMethods == &heldMethods) {
            file->database = (HeldFile *)database;
            file->database->wal = file;
        }
    }
    return SQLITE_OK;
}

// The unix VFS reads its own sqlite3_vfs (pAppData) in some of these: each gets it, not ours.
static int batchingDelete(sqlite3_vfs *v, const char *n, int sync) { (void)v; return unixVFS->xDelete(unixVFS, n, sync); }
static int batchingAccess(sqlite3_vfs *v, const char *n, int flags, int *out) { (void)v; return unixVFS->xAccess(unixVFS, n, flags, out); }
static int batchingFullPathname(sqlite3_vfs *v, const char *n, int size, char *out) { (void)v; return unixVFS->xFullPathname(unixVFS, n, size, out); }
static void *batchingDlOpen(sqlite3_vfs *v, const char *n) { (void)v; return unixVFS->xDlOpen(unixVFS, n); }
static void batchingDlError(sqlite3_vfs *v, int size, char *out) { (void)v; unixVFS->xDlError(unixVFS, size, out); }
static void (*batchingDlSym(sqlite3_vfs *v, void *library, const char *symbol))(void) { (void)v; return unixVFS->xDlSym(unixVFS, library, symbol); }
static void batchingDlClose(sqlite3_vfs *v, void *library) { (void)v; unixVFS->xDlClose(unixVFS, library); }
static int batchingRandomness(sqlite3_vfs *v, int size, char *out) { (void)v; return unixVFS->xRandomness(unixVFS, size, out); }
static int batchingSleep(sqlite3_vfs *v, int microseconds) { (void)v; return unixVFS->xSleep(unixVFS, microseconds); }
static int batchingCurrentTime(sqlite3_vfs *v, double *out) { (void)v; return unixVFS->xCurrentTime(unixVFS, out); }
static int batchingGetLastError(sqlite3_vfs *v, int size, char *out) { (void)v; return unixVFS->xGetLastError(unixVFS, size, out); }
static int batchingCurrentTimeInt64(sqlite3_vfs *v, sqlite3_int64 *out) { (void)v; return unixVFS->xCurrentTimeInt64(unixVFS, out); }

static pthread_mutex_t defaultLock = PTHREAD_MUTEX_INITIALIZER;
static sqlite3_vfs *replacedDefault;

int devlog_wal_batching_begin(void) {
    pthread_mutex_lock(&defaultLock);
    if (unixVFS == NULL) {
        sqlite3_vfs *found = sqlite3_vfs_find("unix");
        if (found == NULL || found->iVersion < 2) return 0;
        unixVFS = found;
        heldMethods = (sqlite3_io_methods){
            3, heldClose, heldRead, heldWrite, heldTruncate, heldSync, heldFileSize, heldLock, heldUnlock,
            heldCheckReservedLock, heldFileControl, heldSectorSize, heldDeviceCharacteristics, heldShmMap,
            heldShmLock, heldShmBarrier, heldShmUnmap, heldFetch, heldUnfetch,
        };
        batchingVFS = (sqlite3_vfs){
            2, (int)sizeof(HeldFile) + found->szOsFile, found->mxPathname, NULL, "devlog-wal-batching", NULL,
            batchingOpen, batchingDelete, batchingAccess, batchingFullPathname, batchingDlOpen, batchingDlError,
            batchingDlSym, batchingDlClose, batchingRandomness, batchingSleep, batchingCurrentTime,
            batchingGetLastError, batchingCurrentTimeInt64, NULL, NULL, NULL,
        };
        sqlite3_vfs_register(&batchingVFS, 0);
    }
    replacedDefault = sqlite3_vfs_find(NULL);
    sqlite3_vfs_register(&batchingVFS, 1);
    return 1;
}

void devlog_wal_batching_end(void) {
    if (replacedDefault != NULL) sqlite3_vfs_register(replacedDefault, 1);
    replacedDefault = NULL;
    pthread_mutex_unlock(&defaultLock);
}

devlog_wal_batching_counts devlog_wal_batching_statistics(void) {
    return (devlog_wal_batching_counts){
        __atomic_load_n(&heldWrites, __ATOMIC_RELAXED),
        __atomic_load_n(&joinedWrites, __ATOMIC_RELAXED),
    };
}
