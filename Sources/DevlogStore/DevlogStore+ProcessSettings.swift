import CSQLite

extension DevlogStore {
    /// Turns off SQLite's memory statistics for the process, which take a global mutex on every
    /// SQLite allocation (4% of a save). Call it first in `main`, before anything uses SQLite:
    /// once SQLite has started it changes nothing (`sqlite3_config`'s rule).
    public static func disableSQLiteMemoryStatistics() {
        devlog_sqlite_disable_memory_statistics()
    }
}
