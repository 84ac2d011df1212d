public import DevlogModel
public import DevlogStore
import PostgresNIO

extension PostgresStore {
    /// Cycles, oldest first (by cycle date, number, id), optionally of one agent and/or mission.
    public func cycles(agent: String?, mission: String?) throws -> [CycleSummary] {
        let (filter, bindings) = Self.cycleFilter(agent: agent, mission: mission)
        return try cycleSummaries(where: filter.isEmpty ? [] : [filter], bindings)
    }

    /// Cycles whose current revision no webhook has whole, oldest first; of one agent when named.
    public func unpublishedCycles(agent: String?) throws -> [CycleSummary] {
        var conditions = [CycleRecords.undeliveredCondition]
        var bindings = PostgresBindings()
        if let agent { bindings.append(agent); conditions.append("agent_id = $\(bindings.count)") }
        return try cycleSummaries(where: conditions, bindings)
    }

    private func cycleSummaries(where conditions: [String], _ bindings: PostgresBindings) throws -> [CycleSummary] {
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try session.rows(PostgresQuery(unsafeSQL: """
            SELECT id, agent_id, mission_id, label, number, date, title, state
            FROM cycles \(filter) ORDER BY date, number NULLS FIRST, id
            """, binds: bindings))
        return try rows.map { row in
            let (id, agent, mission, label, number, date, title, state) = try row.decode(
                (Int64, String?, String?, String, Int?, String, String, String?).self)
            return CycleSummary(id: id, agent: agent, mission: mission, label: label, number: number, date: date, title: title,
                                state: try Self.state(state, table: "cycles", id: id))
        }
    }

    /// A mission's tasks across its cycles, oldest cycle first and in document order within a
    /// cycle (primary task first), optionally only those in one state.
    public func tasks(mission: String, state: Status.State?) throws -> [TaskRow] {
        let rows = try session.rows(state.map { state in """
            SELECT cycle_id, cycle_label, date, role, number, title, state, status_text, progress
            FROM tasks WHERE mission_id = \(mission) AND state = \(state.rawValue) ORDER BY date, cycle_id, seq
            """ } ?? """
            SELECT cycle_id, cycle_label, date, role, number, title, state, status_text, progress
            FROM tasks WHERE mission_id = \(mission) ORDER BY date, cycle_id, seq
            """)
        var order: [Int64: Int] = [:]
        return try rows.map { row in
            let (cycleID, label, date, role, number, title, stateName, text, progress) = try row.decode(
                (Int64, String, String, String, Int?, String, String?, String?, Double?).self)
            let position = order[cycleID, default: 0]
            order[cycleID] = position + 1
            let status = try Self.state(stateName, table: "tasks", id: cycleID).map { Status($0, text: text ?? $0.displayName) }
            let task = TaskRecord(role: role == "primary" ? .primary : .secondary, number: number, order: position,
                                  title: title.unmarked, status: status, progress: progress)
            return TaskRow(cycleID: cycleID, cycleLabel: label, date: date, task: task)
        }
    }

    /// One metric's values over time, oldest cycle first (by cycle date, number, id).
    public func metricHistory(label: String, agent: String?) throws -> [MetricPoint] {
        let rows = try session.rows(agent.map { agent in """
            SELECT cycle_id, cycle_label, cycle_number, date, agent_id, "group", value, quantity, unit
            FROM metrics WHERE label = \(label) AND agent_id = \(agent) ORDER BY date, cycle_number NULLS FIRST, cycle_id, seq
            """ } ?? """
            SELECT cycle_id, cycle_label, cycle_number, date, agent_id, "group", value, quantity, unit
            FROM metrics WHERE label = \(label) ORDER BY date, cycle_number NULLS FIRST, cycle_id, seq
            """)
        return try rows.map { row in
            let (cycleID, cycleLabel, number, date, agent, group, value, quantity, unit) = try row.decode(
                (Int64, String, Int?, String, String?, String, String, Double?, String).self)
            return MetricPoint(cycleID: cycleID, cycleLabel: cycleLabel, cycleNumber: number, date: date, agent: agent, group: group,
                               value: value, number: quantity, unit: unit)
        }
    }

    /// Every metric of the cycles ``cycles(agent:mission:)`` lists, in cycle order and in
    /// document order within a cycle.
    public func metricValues(agent: String?, mission: String?) throws -> [MetricValue] {
        let (filter, bindings) = Self.cycleFilter(agent: agent, mission: mission)
        let rows = try session.rows(PostgresQuery(unsafeSQL: """
            SELECT cycle_id, "group", label, value FROM metrics \(filter.isEmpty ? "" : "WHERE " + filter)
            ORDER BY date, cycle_number NULLS FIRST, cycle_id, seq
            """, binds: bindings))
        return try rows.map { row in
            let (cycleID, group, label, value) = try row.decode((Int64, String, String, String).self)
            return MetricValue(cycleID: cycleID, group: group, label: label, value: value)
        }
    }

    /// How many of each cycle's numbered tasks are completed, by cycle id; a cycle without tasks
    /// is absent.
    public func taskTallies(agent: String?, mission: String?) throws -> [Int64: TaskTally] {
        let (filter, bindings) = Self.cycleFilter(agent: agent, mission: mission)
        let rows = try session.rows(PostgresQuery(unsafeSQL: """
            SELECT cycle_id, COUNT(*) FILTER (WHERE state = 'completed'), COUNT(*) FROM tasks
            WHERE role = 'secondary' \(filter.isEmpty ? "" : "AND " + filter) GROUP BY cycle_id
            """, binds: bindings))
        var tallies: [Int64: TaskTally] = [:]
        for row in rows {
            let (cycleID, completed, total) = try row.decode((Int64, Int, Int).self)
            tallies[cycleID] = TaskTally(completed: completed, total: total)
        }
        return tallies
    }

    /// `agent_id = $1 AND mission_id = $2`, with those named, and their bindings.
    private static func cycleFilter(agent: String?, mission: String?) -> (String, PostgresBindings) {
        var conditions: [String] = []
        var bindings = PostgresBindings()
        if let agent { bindings.append(agent); conditions.append("agent_id = $\(bindings.count)") }
        if let mission { bindings.append(mission); conditions.append("mission_id = $\(bindings.count)") }
        return (conditions.joined(separator: " AND "), bindings)
    }

    private static func state(_ name: String?, table: String, id: Int64) throws -> Status.State? {
        guard let name else { return nil }
        guard let state = Status.State(rawValue: name) else { throw StoreError.corruptRow(table: table, id: id, column: "state", value: name) }
        return state
    }
}
