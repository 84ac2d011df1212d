/// The first keys of the advisory locks the store takes, one per kind of thing locked.
enum AdvisoryLock {
    /// Schema migrations.
    static let migrations: Int32 = 0x6465_7601
    /// Saves of one cycle identity (the second key hashes it).
    static let identity: Int32 = 0x6465_7602
    /// The rate-limit documents.
    static let rateLimits: Int32 = 0x6465_7603
}
