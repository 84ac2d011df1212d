import GRDB

extension DevlogStore {
    /// The facts recorded for a cycle (`commit.hash`, `git.branch`…), empty when none are.
    ///
    /// Facts are kept beside the devlog, not in it: filling them in must not change the
    /// devlog's content, or every archive would look like an edit to republish.
    public func facts(cycleID: Int64) throws -> [String: String] {
        try perform {
            try pool.read { db in
                let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT key, value FROM cycle_facts WHERE cycle_id = ?"),
                                            arguments: [cycleID])
                return Dictionary(rows.map { ($0["key"] as String, $0["value"] as String) }, uniquingKeysWith: { _, last in last })
            }
        }
    }

    /// Records facts for a cycle, replacing those with the same keys, in one transaction.
    public func recordFacts(_ facts: [String: String], cycleID: Int64) throws {
        guard !facts.isEmpty else { return }
        try writing { db in
            let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO cycle_facts (cycle_id, key, value) VALUES (?, ?, ?)")
            for (key, value) in facts.sorted(by: { $0.key < $1.key }) {
                try statement.execute(arguments: [cycleID, key, value])
            }
        }
    }

    /// The facts of every cycle that has some, by cycle id: one query for a backlog re-render.
    public func allFacts() throws -> [Int64: [String: String]] {
        try perform {
            try pool.read { db in
                var result: [Int64: [String: String]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT cycle_id, key, value FROM cycle_facts") {
                    result[row["cycle_id"] as Int64, default: [:]][row["key"] as String] = row["value"] as String
                }
                return result
            }
        }
    }
}
