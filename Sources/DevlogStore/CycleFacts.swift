import DevlogModel
import Foundation
import GRDB
import GRDBSQLite

/// What the store writes for one devlog: its identity, content hash and the typed records read
/// from its blocks, with the statements that write them.
struct CycleFacts: Sendable {
    /// New cycles' metrics join the label index together, when the cycle id is a multiple of
    /// this (see the `batchMetricLabelIndex` migration). Ids are shared by every process, so
    /// the waiting rows never outnumber this many cycles' worth, however many processes write.
    static let metricIndexBatch: Int64 = 64

    /// A stored cycle's bookkeeping, as found by identity or id.
    struct Existing {
        var id: Int64
        var identity: String
        var contentHash: String
        var revision: Int64

        /// From a row of `id, identity, content_hash, revision`.
        init(_ row: OpaquePointer) {
            id = sqlite3_column_int64(row, 0)
            identity = BoundStatement.text(row, 1)
            contentHash = BoundStatement.text(row, 2)
            revision = sqlite3_column_int64(row, 3)
        }
    }

    let devlog: Devlog
    let agent: Agent?
    let mission: Mission?
    let cycle: Cycle
    /// The blocks as `cycles.blocks` holds them.
    let packed: [UInt8]
    let contentHash: String
    /// `agent|mission|cycle` when the devlog names all three, or else the content's name
    /// (``ContentName``).
    let identity: String
    /// Whether ``identity`` is `agent|mission|cycle`.
    let hasNaturalIdentity: Bool

    init(_ devlog: Devlog) {
        self.devlog = devlog
        (agent, mission, cycle) = devlog.agentMissionCycle
        packed = PackedBlocks.pack(devlog.blocks)
        contentHash = ContentHash.of(packed: packed)
        if let agent, let mission, !cycle.label.isEmpty {
            identity = "\(agent.id)|\(mission.id)|\(cycle.label)"
            hasNaturalIdentity = true
        } else {
            identity = ContentName.of(packed: packed)
            hasNaturalIdentity = false
        }
    }

    static func existing(identity: String, _ db: Database) throws -> Existing? {
        let lookup = BoundStatement(try db.cachedStatement(sql: "SELECT id, identity, content_hash, revision FROM cycles WHERE identity = ?"))
        lookup.bind(identity, at: 1)
        return try lookup.firstRow(Existing.init)
    }

    static func existing(id: Int64, _ db: Database) throws -> Existing? {
        let lookup = BoundStatement(try db.cachedStatement(sql: "SELECT id, identity, content_hash, revision FROM cycles WHERE id = ?"))
        lookup.bind(id, at: 1)
        return try lookup.firstRow(Existing.init)
    }

    /// Inserts a new cycle with its blocks, tasks and metrics.
    func insert(source: String, now: Date, _ db: Database) throws -> StoredDevlog {
        try upsertAgentAndMission(db)
        let cycles = BoundStatement(try db.cachedStatement(sql: """
            INSERT INTO cycles (agent_id, mission_id, label, number, date, title, last_updated, next_update,
                                objective, state, status_text, progress, progress_text,
                                identity, content_hash, revision, source, created_at, updated_at, blocks)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
            """))
        bindRecordColumns(cycles)
        cycles.bind(identity, at: 14)
        cycles.bind(contentHash, at: 15)
        cycles.bind(source, at: 16)
        let stamp = now.storageText
        cycles.bind(stamp, at: 17)
        cycles.bind(stamp, at: 18)
        cycles.bind(bytes: packed, at: 19)
        try cycles.step()
        let id = db.lastInsertedRowID
        try insertRecords(cycleID: id, indexed: false, db)
        if id % Self.metricIndexBatch == 0 {
            try db.cachedStatement(sql: "UPDATE cycle_metrics SET indexed = 1 WHERE indexed = 0").execute()
        }
        return StoredDevlog(id: id, devlog: devlog, source: source, contentHash: contentHash, revision: 1, createdAt: now, updatedAt: now)
    }

    /// Replaces a stored cycle's blocks and records, bumping its revision.
    func replace(id: Int64, identity: String, source: String, now: Date, _ db: Database) throws -> StoredDevlog {
        try upsertAgentAndMission(db)
        let cycles = BoundStatement(try db.cachedStatement(sql: """
            UPDATE cycles SET agent_id = ?, mission_id = ?, label = ?, number = ?, date = ?, title = ?,
                              last_updated = ?, next_update = ?, objective = ?, state = ?, status_text = ?,
                              progress = ?, progress_text = ?, identity = ?, content_hash = ?,
                              revision = revision + 1, source = ?, updated_at = ?, blocks = ?
            WHERE id = ?
            """))
        bindRecordColumns(cycles)
        cycles.bind(identity, at: 14)
        cycles.bind(contentHash, at: 15)
        cycles.bind(source, at: 16)
        cycles.bind(now.storageText, at: 17)
        cycles.bind(bytes: packed, at: 18)
        cycles.bind(id, at: 19)
        try cycles.step()
        // The cycle's rows are one range of ids.
        let rows: StatementArguments = [DevlogStore.recordRowID(cycleID: id, seq: 0), DevlogStore.recordRowID(cycleID: id + 1, seq: 0)]
        try db.cachedStatement(sql: "DELETE FROM cycle_tasks WHERE id >= ? AND id < ?").execute(arguments: rows)
        try db.cachedStatement(sql: "DELETE FROM cycle_metrics WHERE id >= ? AND id < ?").execute(arguments: rows)
        // A replaced cycle may be an old one, which no later batch would pass: index it now.
        try insertRecords(cycleID: id, indexed: true, db)
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT revision, created_at FROM cycles WHERE id = ?"), arguments: [id]) else {
            throw StoreError.notFound(id: id)
        }
        return StoredDevlog(id: id, devlog: devlog, source: source, contentHash: contentHash, revision: row[0], createdAt: row[1], updatedAt: now)
    }

    /// Binds the cycle's record columns, the first 13 of both the INSERT and the UPDATE of
    /// `cycles` (agent_id through progress_text).
    private func bindRecordColumns(_ cycles: BoundStatement) {
        cycles.bind(agent?.id, at: 1)
        cycles.bind(mission?.id, at: 2)
        cycles.bind(cycle.label, at: 3)
        cycles.bind(cycle.number, at: 4)
        cycles.bind(cycle.date, at: 5)
        cycles.bind(cycle.title, at: 6)
        cycles.bind(cycle.lastUpdated, at: 7)
        cycles.bind(cycle.nextUpdate, at: 8)
        cycles.bind(mission?.objective ?? "", at: 9)
        cycles.bind(mission?.status?.state.rawValue, at: 10)
        cycles.bind(mission?.status?.text, at: 11)
        cycles.bind(mission?.progress, at: 12)
        cycles.bind(mission?.progressText ?? "", at: 13)
    }

    private func upsertAgentAndMission(_ db: Database) throws {
        if let agent {
            let agents = BoundStatement(try db.cachedStatement(sql: """
                INSERT INTO agents (id, specialty, coordinates) VALUES (?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET specialty = excluded.specialty, coordinates = excluded.coordinates
                """))
            agents.bind(agent.id, at: 1)
            agents.bind(agent.specialty, at: 2)
            agents.bind(agent.coordinates, at: 3)
            try agents.step()
        }
        if let mission {
            let missions = BoundStatement(try db.cachedStatement(sql: """
                INSERT INTO missions (id, agent_id, objective, state, status_text, progress, progress_text)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET agent_id = excluded.agent_id, objective = excluded.objective,
                    state = excluded.state, status_text = excluded.status_text, progress = excluded.progress,
                    progress_text = excluded.progress_text
                """))
            missions.bind(mission.id, at: 1)
            missions.bind(agent?.id, at: 2)
            missions.bind(mission.objective, at: 3)
            missions.bind(mission.status?.state.rawValue, at: 4)
            missions.bind(mission.status?.text, at: 5)
            missions.bind(mission.progress, at: 6)
            missions.bind(mission.progressText, at: 7)
            try missions.step()
        }
    }

    /// The rows the `tasks` and `metrics` views read: each task block, and each metric block with
    /// the subsection it sits in.
    private func insertRecords(cycleID: Int64, indexed: Bool, _ db: Database) throws {
        let tasks = BoundStatement(try db.cachedStatement(sql: """
            INSERT INTO cycle_tasks (id, cycle_id, seq, number, title, state, status_text) VALUES (?, ?, ?, ?, ?, ?, ?)
            """))
        let metrics = BoundStatement(try db.cachedStatement(sql: """
            INSERT INTO cycle_metrics (id, cycle_id, seq, "group", label, value, quantity, unit, indexed)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """))
        let blocks = devlog.blocks
        var group = ""
        // Indices, not `for block in blocks`: copying each block out retains all its strings.
        for seq in blocks.indices {
            switch blocks[seq].kind {
            case .section:
                group = ""
            case .subsection:
                group = blocks[seq].value
            case .task:
                tasks.bind(DevlogStore.recordRowID(cycleID: cycleID, seq: seq), at: 1)
                tasks.bind(cycleID, at: 2)
                tasks.bind(Int64(seq), at: 3)
                tasks.bind(blocks[seq].number, at: 4)
                tasks.bind(blocks[seq].value, at: 5)
                tasks.bind(blocks[seq].status?.state.rawValue, at: 6)
                tasks.bind(blocks[seq].status?.text, at: 7)
                try tasks.step()
            case .metric:
                metrics.bind(DevlogStore.recordRowID(cycleID: cycleID, seq: seq), at: 1)
                metrics.bind(cycleID, at: 2)
                metrics.bind(Int64(seq), at: 3)
                metrics.bind(group, at: 4)
                metrics.bind(blocks[seq].label, at: 5)
                metrics.bind(blocks[seq].value, at: 6)
                metrics.bind(blocks[seq].quantity?.number, at: 7)
                metrics.bind(blocks[seq].quantity?.unit ?? "", at: 8)
                metrics.bind(indexed ? 1 : 0, at: 9)
                try metrics.step()
            default:
                break
            }
        }
    }
}
