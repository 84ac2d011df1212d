public import DevlogModel
import GRDB

extension DevlogStore {
    /// Every metric of the cycles ``cycles(agent:mission:)`` lists; see ``RecordStore/metricValues(agent:mission:)``.
    public func metricValues(agent: String?, mission: String?) throws -> [MetricValue] {
        let (filter, arguments) = Self.cycleFilter(agent: agent, mission: mission)
        return try perform {
            try pool.read { db in
                // A cursor: a whole history's rows are never held beside the values made from them.
                var values: [MetricValue] = []
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT cycle_id, "group", label, value FROM metrics \(filter)
                    ORDER BY date, cycle_number, cycle_id, seq
                    """, arguments: arguments)
                while let row = try rows.next() {
                    values.append(MetricValue(cycleID: row[0], group: row[1], label: row[2], value: row[3]))
                }
                return values
            }
        }
    }

    /// How many of each cycle's numbered tasks are completed, by cycle id; see ``RecordStore/taskTallies(agent:mission:)``.
    /// `Tasks Completed: 2/4` counts the same ones.
    public func taskTallies(agent: String?, mission: String?) throws -> [Int64: TaskTally] {
        let (filter, arguments) = Self.cycleFilter(agent: agent, mission: mission)
        return try perform {
            try pool.read { db in
                var tallies: [Int64: TaskTally] = [:]
                for row in try Row.fetchAll(db, sql: """
                    SELECT cycle_id, SUM(state = 'completed'), COUNT(*) FROM tasks
                    \(filter.isEmpty ? "WHERE" : filter + " AND") role = 'secondary' GROUP BY cycle_id
                    """, arguments: arguments) {
                    tallies[row[0]] = TaskTally(completed: row[1], total: row[2])
                }
                return tallies
            }
        }
    }

    private static func cycleFilter(agent: String?, mission: String?) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let agent { conditions.append("agent_id = ?"); arguments += [agent] }
        if let mission { conditions.append("mission_id = ?"); arguments += [mission] }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), arguments)
    }
}
