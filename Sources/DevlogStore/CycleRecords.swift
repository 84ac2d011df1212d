import Crypto
import DevlogModel
import Foundation
import GRDB

/// What the store writes for one devlog: its identity, its blocks as JSON, their hash, and the
/// typed records read from them, with the statements that write them.
package struct CycleRecords: Sendable {
    /// A stored cycle's bookkeeping, as found by identity or id.
    struct Existing: FetchableRecord, Decodable, Sendable {
        var id: Int64
        var identity: String
        var contentHash: String
        var revision: Int64

        enum CodingKeys: String, CodingKey {
            case id, identity, contentHash = "content_hash", revision
        }
    }

    package let devlog: Devlog
    package let agent: Agent?
    package let mission: Mission?
    package let cycle: Cycle
    /// The blocks as `cycles.blocks` holds them: a JSON array, keys sorted so equal blocks are
    /// equal text.
    package let blocksJSON: String
    /// What every content hash starts with.
    package static let contentPrefix = "sha256:"

    /// ``contentPrefix`` and the hex SHA-256 of ``blocksJSON``.
    package let contentHash: String
    /// `agent|mission|cycle` when the devlog names all three, or else its content hash.
    package let identity: String
    /// Whether ``identity`` is `agent|mission|cycle`.
    package let hasNaturalIdentity: Bool

    package init(_ devlog: Devlog) throws {
        self.devlog = devlog
        (agent, mission, cycle) = devlog.agentMissionCycle
        let json = try BlocksJSON.encode(devlog.blocks)
        blocksJSON = String(decoding: json, as: UTF8.self)
        contentHash = Self.contentPrefix + SHA256.hash(data: json).lowercaseHex
        if let agent, let mission, !cycle.label.isEmpty {
            identity = "\(agent.id)|\(mission.id)|\(cycle.label)"
            hasNaturalIdentity = true
        } else {
            identity = contentHash
            hasNaturalIdentity = false
        }
    }

    static func existing(identity: String, _ db: Database) throws -> Existing? {
        try Existing.fetchOne(db.cachedStatement(sql: "SELECT id, identity, content_hash, revision FROM cycles WHERE identity = ?"), arguments: [identity])
    }

    static func existing(id: Int64, _ db: Database) throws -> Existing? {
        try Existing.fetchOne(db.cachedStatement(sql: "SELECT id, identity, content_hash, revision FROM cycles WHERE id = ?"), arguments: [id])
    }

    /// Inserts a new cycle with its blocks, tasks and metrics.
    func insert(source: String, now: Date, _ db: Database) throws -> StoredDevlog {
        try upsertAgentAndMission(db)
        try db.cachedStatement(sql: """
            INSERT INTO cycles (agent_id, mission_id, label, number, date, title, last_updated, next_update,
                                objective, state, status_text, progress, progress_text,
                                identity, content_hash, revision, source, created_at, updated_at, blocks)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
            """).execute(arguments: recordColumns + [identity, contentHash, source, now, now, blocksJSON])
        let id = db.lastInsertedRowID
        try insertRecords(cycleID: id, db)
        return StoredDevlog(id: id, devlog: devlog, source: source, identity: identity, contentHash: contentHash, revision: 1, createdAt: now, updatedAt: now)
    }

    /// Replaces a stored cycle's blocks and records, bumping its revision.
    func replace(id: Int64, identity: String, source: String, now: Date, _ db: Database) throws -> StoredDevlog {
        try upsertAgentAndMission(db)
        try db.cachedStatement(sql: """
            UPDATE cycles SET agent_id = ?, mission_id = ?, label = ?, number = ?, date = ?, title = ?,
                              last_updated = ?, next_update = ?, objective = ?, state = ?, status_text = ?,
                              progress = ?, progress_text = ?, identity = ?, content_hash = ?,
                              revision = revision + 1, source = ?, updated_at = ?, blocks = ?
            WHERE id = ?
            """).execute(arguments: recordColumns + [identity, contentHash, source, now, blocksJSON, id])
        try db.cachedStatement(sql: "DELETE FROM cycle_tasks WHERE cycle_id = ?").execute(arguments: [id])
        try db.cachedStatement(sql: "DELETE FROM cycle_metrics WHERE cycle_id = ?").execute(arguments: [id])
        try insertRecords(cycleID: id, db)
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT revision, created_at FROM cycles WHERE id = ?"), arguments: [id]) else {
            throw StoreError.notFound(id: id)
        }
        return StoredDevlog(id: id, devlog: devlog, source: source, identity: identity, contentHash: contentHash, revision: row[0], createdAt: row[1], updatedAt: now)
    }

    /// The SQL condition, in words both stores read, that a `cycles` row's current revision is
    /// not delivered whole to any webhook: the queue `devlog publish` works through.
    package static let undeliveredCondition = """
        NOT EXISTS (
            SELECT 1 FROM publications p
            WHERE p.devlog_key = CAST(cycles.id AS TEXT) AND p.revision = cycles.revision
              AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.devlog_key = p.devlog_key AND o.webhook_id = p.webhook_id
                                                      AND o.state <> 'sent'))
        """

    /// The identity an edit leaves a cycle stored as `current` with: its agent, mission and
    /// cycle when it has them; else a devlog named by its content keeps its first name, so
    /// re-importing its file finds it.
    package func identity(replacing current: String) -> String {
        hasNaturalIdentity || !current.hasPrefix(Self.contentPrefix) ? identity : current
    }

    /// Writes a cycle moved from another store under its id, revision and dates there: a new row,
    /// or in place of the row that has that id already.
    func writeMoved(_ stored: StoredDevlog, replacing: Bool, _ db: Database) throws {
        try upsertAgentAndMission(db)
        let arguments = recordColumns + [identity, contentHash, stored.revision, stored.source, stored.createdAt, stored.updatedAt,
                                         blocksJSON, stored.id]
        if replacing {
            try db.execute(sql: """
                UPDATE cycles SET agent_id = ?, mission_id = ?, label = ?, number = ?, date = ?, title = ?,
                                  last_updated = ?, next_update = ?, objective = ?, state = ?, status_text = ?,
                                  progress = ?, progress_text = ?, identity = ?, content_hash = ?,
                                  revision = ?, source = ?, created_at = ?, updated_at = ?, blocks = ?
                WHERE id = ?
                """, arguments: arguments)
            try db.execute(sql: "DELETE FROM cycle_tasks WHERE cycle_id = ?", arguments: [stored.id])
            try db.execute(sql: "DELETE FROM cycle_metrics WHERE cycle_id = ?", arguments: [stored.id])
        } else {
            try db.execute(sql: """
                INSERT INTO cycles (agent_id, mission_id, label, number, date, title, last_updated, next_update,
                                    objective, state, status_text, progress, progress_text,
                                    identity, content_hash, revision, source, created_at, updated_at, blocks, id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: arguments)
        }
        try insertRecords(cycleID: stored.id, db)
    }

    /// The cycle's record columns, the first 13 of both the INSERT and the UPDATE of `cycles`
    /// (agent_id through progress_text).
    private var recordColumns: StatementArguments {
        [agent?.id, mission?.id, cycle.label, cycle.number, cycle.date, cycle.title, cycle.lastUpdated, cycle.nextUpdate,
         mission?.objective ?? "", mission?.status?.state.rawValue, mission?.status?.text, mission?.progress,
         mission?.progressText ?? ""]
    }

    private func upsertAgentAndMission(_ db: Database) throws {
        if let agent {
            try db.cachedStatement(sql: """
                INSERT INTO agents (id, specialty, coordinates) VALUES (?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET specialty = excluded.specialty, coordinates = excluded.coordinates
                """).execute(arguments: [agent.id, agent.specialty, agent.coordinates])
        }
        if let mission {
            try db.cachedStatement(sql: """
                INSERT INTO missions (id, agent_id, objective, state, status_text, progress, progress_text)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET agent_id = excluded.agent_id, objective = excluded.objective,
                    state = excluded.state, status_text = excluded.status_text, progress = excluded.progress,
                    progress_text = excluded.progress_text
                """).execute(arguments: [mission.id, agent?.id, mission.objective, mission.status?.state.rawValue, mission.status?.text,
                                 mission.progress, mission.progressText])
        }
    }

    /// The rows the `tasks` and `metrics` views read: each task block, and each metric block with
    /// the subsection it sits in.
    private func insertRecords(cycleID: Int64, _ db: Database) throws {
        for task in taskRows {
            try db.cachedStatement(sql: """
                INSERT INTO cycle_tasks (cycle_id, seq, number, title, state, status_text) VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [cycleID, task.seq, task.number, task.title, task.state, task.statusText])
        }
        for metric in metricRows {
            try db.cachedStatement(sql: """
                INSERT INTO cycle_metrics (cycle_id, seq, "group", label, value, quantity, unit) VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [cycleID, metric.seq, metric.group, metric.label, metric.value, metric.quantity, metric.unit])
        }
    }

    /// A `cycle_tasks` row: a task block, by its index in the devlog.
    package struct TaskRecordRow: Sendable {
        package var seq: Int
        package var number: Int?
        package var title: String
        package var state: String?
        package var statusText: String?
    }

    /// A `cycle_metrics` row: a metric block, with the subsection it sits in (`""` outside one).
    package struct MetricRecordRow: Sendable {
        package var seq: Int
        package var group: String
        package var label: String
        package var value: String
        package var quantity: Double?
        package var unit: String
    }

    /// Each task block of the devlog as a `cycle_tasks` row.
    package var taskRows: [TaskRecordRow] {
        devlog.blocks.enumerated().compactMap { seq, block in
            guard block.kind == .task else { return nil }
            return TaskRecordRow(seq: seq, number: block.number, title: block.value, state: block.status?.state.rawValue,
                                 statusText: block.status?.text)
        }
    }

    /// Each metric block of the devlog as a `cycle_metrics` row.
    package var metricRows: [MetricRecordRow] {
        var group = ""
        var rows: [MetricRecordRow] = []
        for (seq, block) in devlog.blocks.enumerated() {
            switch block.kind {
            case .section:
                group = ""
            case .subsection:
                group = block.value
            case .metric:
                rows.append(MetricRecordRow(seq: seq, group: group, label: block.label, value: block.value,
                                            quantity: block.quantity?.number, unit: block.quantity?.unit ?? ""))
            default:
                break
            }
        }
        return rows
    }

    /// What is written for `encoded`, refusing what must not be stored: an id with a control
    /// character (it would name files and commits, and SQLite would cut it at a NUL, merging
    /// cycles), or blocks over `limit` bytes.
    package static func admitted(_ encoded: Result<CycleRecords, any Error>, limit: Int) throws -> CycleRecords {
        let records: CycleRecords
        do {
            records = try encoded.get()
        } catch {
            throw StoreError.unencodable(reason: "\(error)")
        }
        let ids = [("agent id", records.agent?.id), ("mission id", records.mission?.id), ("cycle", records.cycle.label)]
        for case let (field, id?) in ids {
            if let scalar = ControlCharacters.firstInID(id) {
                throw StoreError.controlCharacterInID(field: field, character: ControlCharacters.name(scalar))
            }
        }
        let bytes = records.blocksJSON.utf8.count
        if bytes > limit { throw StoreError.tooLarge(bytes: bytes, limit: limit) }
        return records
    }
}
