public import DevlogModel
import Foundation
import GRDB

extension DevlogStore {
    /// Cycles, oldest first (by cycle date, number, id), optionally of one agent and/or mission.
    public func cycles(agent: String? = nil, mission: String? = nil) throws -> [CycleSummary] {
        try perform {
            try pool.read { db in
                var conditions: [String] = []
                var arguments: StatementArguments = []
                if let agent { conditions.append("agent_id = ?"); arguments += [agent] }
                if let mission { conditions.append("mission_id = ?"); arguments += [mission] }
                let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
                let rows = try Row.fetchAll(db, sql: """
                    SELECT id, agent_id, mission_id, label, number, date, title, state
                    FROM cycles \(filter) ORDER BY date, number, id
                    """, arguments: arguments)
                return try rows.map { row in
                    CycleSummary(id: row[0], agent: row[1], mission: row[2], label: row[3], number: row[4], date: row[5],
                                 title: row[6], state: try Self.state(row[7], table: "cycles", id: row[0]))
                }
            }
        }
    }

    /// A mission's tasks across its cycles, oldest cycle first and in document order within a
    /// cycle (primary task first), optionally only those in one state.
    public func tasks(mission: String, state: Status.State? = nil) throws -> [TaskRow] {
        try perform {
            try pool.read { db in
                var sql = """
                    SELECT cycle_id, cycle_label, date, role, number, title, state, status_text, progress
                    FROM tasks WHERE mission_id = ?
                    """
                var arguments: StatementArguments = [mission]
                if let state { sql += " AND state = ?"; arguments += [state.rawValue] }
                sql += " ORDER BY date, cycle_id, seq"
                var order: [Int64: Int] = [:]
                return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                    let cycleID: Int64 = row[0]
                    let status = try Self.status(state: row[6], text: row[7], table: "tasks", id: cycleID)
                    let role: String = row[3]
                    let position = order[cycleID, default: 0]
                    order[cycleID] = position + 1
                    let title: String = row[5]
                    let task = TaskRecord(role: role == "primary" ? .primary : .secondary, number: row[4], order: position,
                                          title: title.unmarked, status: status, progress: row[8])
                    return TaskRow(cycleID: cycleID, cycleLabel: row[1], date: row[2], task: task)
                }
            }
        }
    }

    /// One metric's values over time, oldest cycle first (by cycle date, number, id).
    public func metricHistory(label: String, agent: String? = nil) throws -> [MetricPoint] {
        try perform {
            try pool.read { db in
                var sql = """
                    SELECT cycle_id, cycle_label, cycle_number, date, agent_id, "group", value, quantity, unit
                    FROM metrics WHERE label = ?
                    """
                var arguments: StatementArguments = [label]
                if let agent { sql += " AND agent_id = ?"; arguments += [agent] }
                sql += " ORDER BY date, cycle_number, cycle_id, seq"
                return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                    MetricPoint(cycleID: row[0], cycleLabel: row[1], cycleNumber: row[2], date: row[3], agent: row[4],
                                group: row[5], value: row[6], number: row[7], unit: row[8])
                }
            }
        }
    }

    /// Reads one stored devlog, block for block, inside the caller's read or write.
    static func load(id: Int64, _ db: Database) throws -> StoredDevlog? {
        guard let cycle = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT source, content_hash, revision, created_at, updated_at, blocks FROM cycles WHERE id = ?
            """), arguments: [id]) else { return nil }
        let blocks: [Block]
        do {
            blocks = try cycle.withUnsafeData(atIndex: 5) { data in
                guard let data else { throw PackedBlocks.Malformed(reason: "NULL") }
                return try data.withUnsafeBytes { bytes throws(PackedBlocks.Malformed) in try PackedBlocks.unpack(bytes) }
            }
        } catch let malformed as PackedBlocks.Malformed {
            throw StoreError.corruptRow(table: "cycles", id: id, column: "blocks", value: malformed.reason)
        }
        return StoredDevlog(id: id, devlog: Devlog(blocks: blocks), source: cycle[0], contentHash: cycle[1],
                            revision: cycle[2], createdAt: cycle[3], updatedAt: cycle[4])
    }

    private static func state(_ name: String?, table: String, id: Int64) throws -> Status.State? {
        guard let name else { return nil }
        guard let state = Status.State(rawValue: name) else {
            throw StoreError.corruptRow(table: table, id: id, column: "state", value: name)
        }
        return state
    }

    private static func status(state name: String?, text: String?, table: String, id: Int64) throws -> Status? {
        guard let state = try state(name, table: table, id: id) else { return nil }
        return Status(state, text: text ?? state.displayName)
    }
}
