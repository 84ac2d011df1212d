import DevlogStore
import Foundation
import PostgresNIO

/// The statements that write a cycle: its row in `cycles`, its agent and mission, and the task
/// and metric rows the `tasks` and `metrics` views read.
extension PostgresStore {
    /// Inserts a new cycle; the server gives its id and dates.
    static func insert(_ records: CycleRecords, source: String, _ transaction: PostgresTransaction) throws -> StoredDevlog {
        try upsertAgentAndMission(records, transaction)
        let c = columns(records)
        let row = try transaction.rows("""
            INSERT INTO cycles (agent_id, mission_id, label, number, date, title, last_updated, next_update,
                                objective, state, status_text, progress, progress_text,
                                identity, content_hash, revision, source, created_at, updated_at, blocks)
            VALUES (\(c.agent), \(c.mission), \(c.label), \(c.number), \(c.date), \(c.title), \(c.lastUpdated), \(c.nextUpdate),
                    \(c.objective), \(c.state), \(c.statusText), \(c.progress), \(c.progressText),
                    \(records.identity), \(records.contentHash), 1, \(source), now(), now(), \(records.blocksJSON))
            RETURNING id, created_at, updated_at
            """)[0]
        let (id, created, updated) = try row.decode((Int64, Date, Date).self)
        try insertRecords(records, cycleID: id, transaction)
        return StoredDevlog(id: id, devlog: records.devlog, source: source, identity: records.identity, contentHash: records.contentHash,
                            revision: 1, createdAt: created, updatedAt: updated)
    }

    /// Replaces a stored cycle's blocks and records, bumping its revision.
    static func replace(id: Int64, with records: CycleRecords, identity: String, source: String,
                        _ transaction: PostgresTransaction) throws -> StoredDevlog {
        try upsertAgentAndMission(records, transaction)
        let c = columns(records)
        guard let row = try transaction.rows("""
            UPDATE cycles SET agent_id = \(c.agent), mission_id = \(c.mission), label = \(c.label), number = \(c.number),
                              date = \(c.date), title = \(c.title), last_updated = \(c.lastUpdated), next_update = \(c.nextUpdate),
                              objective = \(c.objective), state = \(c.state), status_text = \(c.statusText), progress = \(c.progress),
                              progress_text = \(c.progressText), identity = \(identity), content_hash = \(records.contentHash),
                              revision = revision + 1, source = \(source), updated_at = now(), blocks = \(records.blocksJSON)
            WHERE id = \(id)
            RETURNING revision, created_at, updated_at
            """).first else { throw StoreError.notFound(id: id) }
        let (revision, created, updated) = try row.decode((Int64, Date, Date).self)
        try transaction.execute("DELETE FROM cycle_tasks WHERE cycle_id = \(id)")
        try transaction.execute("DELETE FROM cycle_metrics WHERE cycle_id = \(id)")
        try insertRecords(records, cycleID: id, transaction)
        return StoredDevlog(id: id, devlog: records.devlog, source: source, identity: identity, contentHash: records.contentHash,
                            revision: revision, createdAt: created, updatedAt: updated)
    }

    /// Writes a cycle moved from another store under its id, revision and dates there.
    static func writeMoved(_ stored: StoredDevlog, records: CycleRecords, replacing: Bool, _ transaction: PostgresTransaction) throws {
        try upsertAgentAndMission(records, transaction)
        let c = columns(records)
        if replacing {
            try transaction.execute("""
                UPDATE cycles SET agent_id = \(c.agent), mission_id = \(c.mission), label = \(c.label), number = \(c.number),
                                  date = \(c.date), title = \(c.title), last_updated = \(c.lastUpdated), next_update = \(c.nextUpdate),
                                  objective = \(c.objective), state = \(c.state), status_text = \(c.statusText), progress = \(c.progress),
                                  progress_text = \(c.progressText), identity = \(records.identity), content_hash = \(records.contentHash),
                                  revision = \(stored.revision), source = \(stored.source), created_at = \(stored.createdAt),
                                  updated_at = \(stored.updatedAt), blocks = \(records.blocksJSON)
                WHERE id = \(stored.id)
                """)
            try transaction.execute("DELETE FROM cycle_tasks WHERE cycle_id = \(stored.id)")
            try transaction.execute("DELETE FROM cycle_metrics WHERE cycle_id = \(stored.id)")
        } else {
            try transaction.execute("""
                INSERT INTO cycles (id, agent_id, mission_id, label, number, date, title, last_updated, next_update,
                                    objective, state, status_text, progress, progress_text,
                                    identity, content_hash, revision, source, created_at, updated_at, blocks)
                VALUES (\(stored.id), \(c.agent), \(c.mission), \(c.label), \(c.number), \(c.date), \(c.title), \(c.lastUpdated),
                        \(c.nextUpdate), \(c.objective), \(c.state), \(c.statusText), \(c.progress), \(c.progressText),
                        \(records.identity), \(records.contentHash), \(stored.revision), \(stored.source), \(stored.createdAt),
                        \(stored.updatedAt), \(records.blocksJSON))
                """)
        }
        try insertRecords(records, cycleID: stored.id, transaction)
    }

    /// The cycle's record columns, as both the INSERT and the UPDATE of `cycles` write them.
    private static func columns(_ records: CycleRecords) -> RecordColumns {
        let cycle = records.cycle, mission = records.mission
        return RecordColumns(agent: records.agent?.id, mission: mission?.id, label: cycle.label, number: cycle.number, date: cycle.date.postgresText,
                             title: cycle.title.postgresText, lastUpdated: cycle.lastUpdated.postgresText,
                             nextUpdate: cycle.nextUpdate.postgresText, objective: (mission?.objective ?? "").postgresText,
                             state: mission?.status?.state.rawValue, statusText: mission?.status?.text.postgresText,
                             progress: mission?.progress, progressText: (mission?.progressText ?? "").postgresText)
    }

    private struct RecordColumns {
        var agent: String?, mission: String?, label: String, number: Int?, date: String, title: String
        var lastUpdated: String, nextUpdate: String, objective: String, state: String?, statusText: String?
        var progress: Double?, progressText: String
    }

    private static func upsertAgentAndMission(_ records: CycleRecords, _ transaction: PostgresTransaction) throws {
        if let agent = records.agent {
            try transaction.execute("""
                INSERT INTO agents (id, specialty, coordinates)
                VALUES (\(agent.id), \(agent.specialty.postgresText), \(agent.coordinates.postgresText))
                ON CONFLICT (id) DO UPDATE SET specialty = excluded.specialty, coordinates = excluded.coordinates
                """)
        }
        if let mission = records.mission {
            try transaction.execute("""
                INSERT INTO missions (id, agent_id, objective, state, status_text, progress, progress_text)
                VALUES (\(mission.id), \(records.agent?.id), \(mission.objective.postgresText), \(mission.status?.state.rawValue),
                        \(mission.status?.text.postgresText), \(mission.progress), \(mission.progressText.postgresText))
                ON CONFLICT (id) DO UPDATE SET agent_id = excluded.agent_id, objective = excluded.objective,
                    state = excluded.state, status_text = excluded.status_text, progress = excluded.progress,
                    progress_text = excluded.progress_text
                """)
        }
    }

    private static func insertRecords(_ records: CycleRecords, cycleID: Int64, _ transaction: PostgresTransaction) throws {
        for task in records.taskRows {
            try transaction.execute("""
                INSERT INTO cycle_tasks (cycle_id, seq, number, title, state, status_text)
                VALUES (\(cycleID), \(task.seq), \(task.number), \(task.title.postgresText), \(task.state), \(task.statusText?.postgresText))
                """)
        }
        for metric in records.metricRows {
            try transaction.execute("""
                INSERT INTO cycle_metrics (cycle_id, seq, "group", label, value, quantity, unit)
                VALUES (\(cycleID), \(metric.seq), \(metric.group.postgresText), \(metric.label.postgresText), \(metric.value.postgresText),
                        \(metric.quantity), \(metric.unit.postgresText))
                """)
        }
    }
}

extension String {
    /// The text as a PostgreSQL `text` value can hold it: NUL, which no such value may contain,
    /// as U+FFFD. Only the columns queries read are written this way; the devlog itself is kept
    /// whole in `blocks`, where JSON escapes every control character.
    var postgresText: String { contains("\0") ? replacingOccurrences(of: "\0", with: "\u{FFFD}") : self }
}
