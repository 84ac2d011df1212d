public import DevlogModel
import Foundation
import GRDB

extension DevlogStore {
    /// Cycles, oldest first (by cycle date, number, id), optionally of one agent and/or mission.
    public func cycles(agent: String?, mission: String?) throws -> [CycleSummary] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let agent { conditions.append("agent_id = ?"); arguments += [agent] }
        if let mission { conditions.append("mission_id = ?"); arguments += [mission] }
        return try cycleSummaries(where: conditions, arguments: arguments)
    }

    /// Cycles whose current revision no webhook has whole: never published, a publish not
    /// finished, or records changed since. Oldest first, as ``cycles(agent:mission:)``; of one
    /// agent when named.
    public func unpublishedCycles(agent: String?) throws -> [CycleSummary] {
        var conditions = [CycleRecords.undeliveredCondition]
        var arguments: StatementArguments = []
        if let agent { conditions.append("agent_id = ?"); arguments += [agent] }
        return try cycleSummaries(where: conditions, arguments: arguments)
    }

    private func cycleSummaries(where conditions: [String], arguments: StatementArguments) throws -> [CycleSummary] {
        try perform {
            try pool.read { db in
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
    public func tasks(mission: String, state: Status.State?) throws -> [TaskRow] {
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
    public func metricHistory(label: String, agent: String?) throws -> [MetricPoint] {
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
            SELECT source, content_hash, revision, created_at, updated_at, blocks, identity FROM cycles WHERE id = ?
            """), arguments: [id]) else { return nil }
        guard let blocks = BlocksJSON.decode(cycle[5]) else {
            throw StoreError.corruptRow(table: "cycles", id: id, column: "blocks", value: "not a JSON array of blocks")
        }
        return StoredDevlog(id: id, devlog: Devlog(blocks: blocks), source: cycle[0], identity: cycle[6], contentHash: cycle[1],
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


/// One line of a cycle listing.
public struct CycleSummary: Sendable, Hashable {
    /// The cycle's id in the store.
    public var id: Int64
    /// The agent id, `nil` when the devlog names none.
    public var agent: String?
    /// The mission id, `nil` when the devlog names none.
    public var mission: String?
    /// The cycle as written (`2`, `Agent-4 Team Activation`).
    public var label: String
    /// The cycle number when the label is one.
    public var number: Int?
    /// The cycle date as written.
    public var date: String
    /// The devlog's title.
    public var title: String
    /// The mission's status in this cycle, `nil` when none is written.
    public var state: Status.State?

    /// A summary.
    public init(id: Int64, agent: String?, mission: String?, label: String, number: Int?, date: String, title: String, state: Status.State?) {
        self.id = id
        self.agent = agent
        self.mission = mission
        self.label = label
        self.number = number
        self.date = date
        self.title = title
        self.state = state
    }
}


/// A task of a mission, with the cycle it was written in.
public struct TaskRow: Sendable, Hashable {
    /// The cycle that lists the task.
    public var cycleID: Int64
    /// The cycle as written.
    public var cycleLabel: String
    /// The cycle date as written.
    public var date: String
    /// The task as the devlog gives it (primary or secondary, number, title, status).
    public var task: TaskRecord

    /// A task row.
    public init(cycleID: Int64, cycleLabel: String, date: String, task: TaskRecord) {
        self.cycleID = cycleID
        self.cycleLabel = cycleLabel
        self.date = date
        self.task = task
    }
}

/// One value of a metric in one cycle.
public struct MetricPoint: Sendable, Hashable {
    /// The cycle the value was written in.
    public var cycleID: Int64
    /// The cycle as written.
    public var cycleLabel: String
    /// The cycle number when the label is one.
    public var cycleNumber: Int?
    /// The cycle date as written.
    public var date: String
    /// The agent that wrote it, `nil` when the devlog names none.
    public var agent: String?
    /// The subsection the metric is listed under.
    public var group: String
    /// The value as written (`85%`).
    public var value: String
    /// The number read from the value, when it holds one.
    public var number: Double?
    /// The unit after the number (`%`, `/10`, `minutes`), empty when none.
    public var unit: String

    /// A metric point.
    public init(cycleID: Int64, cycleLabel: String, cycleNumber: Int?, date: String, agent: String?, group: String,
                value: String, number: Double?, unit: String) {
        self.cycleID = cycleID
        self.cycleLabel = cycleLabel
        self.cycleNumber = cycleNumber
        self.date = date
        self.agent = agent
        self.group = group
        self.value = value
        self.number = number
        self.unit = unit
    }
}
