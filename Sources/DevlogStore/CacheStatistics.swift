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
