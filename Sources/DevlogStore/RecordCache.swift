/// The store's memory of devlogs it has read: least-recently-used, bounded, with statistics.
///
/// Each entry remembers the `PRAGMA data_version` at which it was last known current; the store
/// decides freshness, this type only keeps entries. Not thread-safe: the store guards it.
struct RecordCache {
    /// A cached devlog and the data version at which it was last confirmed (`nil`: never).
    struct Entry {
        var stored: StoredDevlog
        var checkedAt: Int64?
        /// When the entry was last used, in ``RecordCache/clock`` ticks.
        var used = 0
    }

    let capacity: Int
    var statistics = CacheStatistics()
    /// `latest(agent:)` answers ("" for any agent), with the data version they were read at.
    var latest: [String: (id: Int64?, checkedAt: Int64)] = [:]

    private var entries: [Int64: Entry] = [:]
    private var clock = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The entry for `id`, now the most recently used; `nil` when not cached.
    mutating func entry(_ id: Int64) -> Entry? {
        guard entries[id] != nil else { return nil }
        clock += 1
        entries[id]!.used = clock
        return entries[id]
    }

    /// Records that the entry for `id` was confirmed current at `version`.
    mutating func confirm(_ id: Int64, at version: Int64) {
        entries[id]?.checkedAt = version
    }

    /// Stores an entry, evicting the least recently used one when full; `true` when it
    /// replaced an entry for the same id.
    @discardableResult
    mutating func store(_ id: Int64, _ entry: Entry) -> Bool {
        guard capacity > 0 else { return false }
        let replaced = entries[id] != nil
        // A linear scan over at most `capacity` entries, on a miss only.
        if !replaced, entries.count >= capacity, let oldest = entries.min(by: { $0.value.used < $1.value.used })?.key {
            entries[oldest] = nil
        }
        clock += 1
        var entry = entry
        entry.used = clock
        entries[id] = entry
        return replaced
    }

    /// Drops the entry for `id`, if any.
    mutating func remove(_ id: Int64) {
        entries[id] = nil
    }
}

/// How the read cache has done since the store was opened.
public struct CacheStatistics: Sendable, Hashable {
    /// Reads answered from memory (including those confirmed by a revision check).
    public var hits: Int
    /// Reads that had to load the devlog from SQLite.
    public var misses: Int
    /// Cached devlogs dropped because the database held a newer revision.
    public var invalidations: Int
    /// Hits that needed a one-row revision check because some connection had committed since.
    public var revalidations: Int

    /// Statistics.
    public init(hits: Int = 0, misses: Int = 0, invalidations: Int = 0, revalidations: Int = 0) {
        self.hits = hits
        self.misses = misses
        self.invalidations = invalidations
        self.revalidations = revalidations
    }
}
