/// The store's memory of devlogs it has read: least-recently-used, bounded, with statistics.
///
/// Each entry remembers the `PRAGMA data_version` at which it was last known current; the store
/// decides freshness, this type only keeps entries in order. Not thread-safe: the store guards it.
struct RecordCache {
    /// A cached devlog and the data version at which it was last confirmed (`nil`: never).
    struct Entry {
        var stored: StoredDevlog
        var checkedAt: Int64?
    }

    private struct Slot {
        var key: Int64
        var entry: Entry
        var newer: Int
        var older: Int
    }

    let capacity: Int
    var statistics = CacheStatistics()
    /// `latest(agent:)` answers ("" for any agent), with the data version they were read at.
    var latest: [String: (id: Int64?, checkedAt: Int64)] = [:]
    /// The last data version asked, with the wal-index header read just before asking.
    var versionSeen: (token: WALChangeCounter.Token, version: Int64)?

    private var slots: [Slot] = []
    private var index: [Int64: Int] = [:]
    private var newest = -1
    private var oldest = -1

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The entry for `id`, now the most recently used; `nil` when not cached.
    mutating func entry(_ id: Int64) -> Entry? {
        guard let at = index[id] else { return nil }
        moveToFront(at)
        return slots[at].entry
    }

    /// The data version last asked, when the wal-index header is still `token`.
    func version(unchangedSince token: WALChangeCounter.Token) -> Int64? {
        guard let versionSeen, versionSeen.token == token else { return nil }
        return versionSeen.version
    }

    /// The devlog cached for `id`, now the most recently used and counted as a hit, when it was
    /// confirmed at the data version last asked and the wal-index header is still `token`.
    mutating func confirmedEntry(_ id: Int64, unchangedSince token: WALChangeCounter.Token) -> StoredDevlog? {
        guard let version = version(unchangedSince: token), let at = index[id], slots[at].entry.checkedAt == version else {
            return nil
        }
        moveToFront(at)
        statistics.hits += 1
        return slots[at].entry.stored
    }

    /// Records that the entry for `id` was confirmed current at `version`.
    mutating func confirm(_ id: Int64, at version: Int64) {
        if let at = index[id] { slots[at].entry.checkedAt = version }
    }

    /// Stores an entry, evicting the least recently used one when full; `true` when it
    /// replaced an entry for the same id.
    @discardableResult
    mutating func store(_ id: Int64, _ entry: Entry) -> Bool {
        guard capacity > 0 else { return false }
        if let at = index[id] {
            slots[at].entry = entry
            moveToFront(at)
            return true
        }
        let at: Int
        if slots.count < capacity {
            at = slots.count
            slots.append(Slot(key: id, entry: entry, newer: -1, older: -1))
        } else {
            // Reuse the oldest slot.
            at = oldest
            unlink(at)
            index[slots[at].key] = nil
            slots[at] = Slot(key: id, entry: entry, newer: -1, older: -1)
        }
        index[id] = at
        linkAtFront(at)
        return false
    }

    /// Drops the entry for `id`, if any.
    mutating func remove(_ id: Int64) {
        guard let at = index[id] else { return }
        unlink(at)
        index[id] = nil
        // Keep the slot array dense: move the last slot into the hole, links and all.
        let last = slots.count - 1
        if at != last {
            slots[at] = slots[last]
            index[slots[at].key] = at
            let (newer, older) = (slots[at].newer, slots[at].older)
            if newer >= 0 { slots[newer].older = at } else { newest = at }
            if older >= 0 { slots[older].newer = at } else { oldest = at }
        }
        slots.removeLast()
    }

    private mutating func moveToFront(_ at: Int) {
        guard newest != at else { return }
        unlink(at)
        linkAtFront(at)
    }

    private mutating func unlink(_ at: Int) {
        let (newer, older) = (slots[at].newer, slots[at].older)
        if newer >= 0 { slots[newer].older = older } else { newest = older }
        if older >= 0 { slots[older].newer = newer } else { oldest = newer }
        slots[at].newer = -1
        slots[at].older = -1
    }

    private mutating func linkAtFront(_ at: Int) {
        slots[at].older = newest
        slots[at].newer = -1
        if newest >= 0 { slots[newest].newer = at }
        newest = at
        if oldest < 0 { oldest = at }
    }
}
