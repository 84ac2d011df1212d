/// What `devlog import` did with each file.
public struct ImportReport: Sendable {
    /// One file's outcome.
    public struct Item: Sendable {
        /// The file as the user named it (or as found under a named folder).
        public var path: String
        /// `imported`, `updated`, `unchanged` or `failed`.
        public var outcome: Outcome
        /// The cycle's id, when stored.
        public var cycleID: Int64?
        /// Why it failed: one line naming the file and line or field.
        public var error: String?
    }

    /// A file's outcome.
    public enum Outcome: String, Sendable, Codable {
        case imported, updated, unchanged, failed
    }

    /// Every file, in the order read.
    public var items: [Item] = []
    /// Seconds the import took.
    public var seconds: Double = 0

    /// How many files had an outcome.
    public func count(_ outcome: Outcome) -> Int { items.reduce(0) { $0 + ($1.outcome == outcome ? 1 : 0) } }

    /// Whether every file was stored (or already was).
    public var succeeded: Bool { count(.failed) == 0 }
}
