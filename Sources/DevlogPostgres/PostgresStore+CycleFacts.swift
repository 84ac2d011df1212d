import DevlogStore
import PostgresNIO

extension PostgresStore {
    /// The facts recorded for a cycle (`commit.hash`, `git.branch`…), empty when none are.
    public func facts(cycleID: Int64) throws -> [String: String] {
        let rows = try session.rows("SELECT key, value FROM cycle_facts WHERE cycle_id = \(cycleID)")
        return Dictionary(try rows.map { try $0.decode((String, String).self) }, uniquingKeysWith: { _, last in last })
    }

    /// Records facts for a cycle, replacing those with the same keys, in one transaction.
    public func recordFacts(_ facts: [String: String], cycleID: Int64) throws {
        guard !facts.isEmpty else { return }
        try session.transaction { transaction in try Self.writeFacts(facts, cycleID: cycleID, transaction) }
    }

    /// The facts of every cycle that has some, by cycle id.
    public func allFacts() throws -> [Int64: [String: String]] {
        var result: [Int64: [String: String]] = [:]
        for row in try session.rows("SELECT cycle_id, key, value FROM cycle_facts") {
            let (id, key, value) = try row.decode((Int64, String, String).self)
            result[id, default: [:]][key] = value
        }
        return result
    }

    static func writeFacts(_ facts: [String: String], cycleID: Int64, _ transaction: PostgresTransaction) throws {
        for (key, value) in facts.sorted(by: { $0.key < $1.key }) {
            try transaction.execute("""
                INSERT INTO cycle_facts (cycle_id, key, value) VALUES (\(cycleID), \(key), \(value))
                ON CONFLICT (cycle_id, key) DO UPDATE SET value = excluded.value
                """)
        }
    }
}
