import Foundation

extension DevlogStore {
    /// How the store uses SQLite and memory.
    public struct Configuration: Sendable {
        /// How long one statement waits for another connection's lock before SQLite gives up with
        /// SQLITE_BUSY. Default 10 seconds: long enough for a burst of writers on one file.
        public var busyTimeout: TimeInterval
        /// How many more times a whole transaction is tried after SQLITE_BUSY outlasted
        /// `busyTimeout`, with doubling backoff from 20 ms. Default 5.
        public var maxBusyRetries: Int
        /// The most reader connections used at once. Default 4.
        public var readerCount: Int
        /// How many stored devlogs the read cache keeps (least recently used go first).
        /// Default 256; 0 turns the cache off, so every read goes to SQLite.
        public var cacheCapacity: Int
        /// The largest devlog saved, counted as its blocks' JSON; a larger one is refused with
        /// ``StoreError``. Default 256 MiB: far above any devlog, and below the 1 GB that SQLite
        /// takes in one value (GRDB stops the process on a value SQLite refuses to bind).
        public var maximumDevlogBytes: Int

        /// A configuration; every argument has the default documented on its property.
        public init(busyTimeout: TimeInterval = 10, maxBusyRetries: Int = 5, readerCount: Int = 4, cacheCapacity: Int = 256,
                    maximumDevlogBytes: Int = 256 << 20) {
            self.busyTimeout = busyTimeout
            self.maxBusyRetries = maxBusyRetries
            self.readerCount = readerCount
            self.cacheCapacity = cacheCapacity
            self.maximumDevlogBytes = maximumDevlogBytes
        }
    }
}
