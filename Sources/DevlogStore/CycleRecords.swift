import Crypto
import DevlogModel
import Foundation
import GRDB

/// What the store writes for one devlog: its identity, its blocks as JSON, their hash, and the
/// typed records read from them, with the statements that write them.
struct CycleRecords: Sendable {
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

    let devlog: Devlog
    let agent: Agent?
    let mission: Mission?
    let cycle: Cycle
    /// The blocks as `cycles.blocks` holds them: a JSON array, keys sorted so equal blocks are
    /// equal text.
    let blocksJSON: String
    /// What every content hash starts with.
    static let contentPrefix = "sha256:"

    /// ``contentPrefix`` and the hex SHA-256 of ``blocksJSON``.
    let contentHash: String
    /// `agent|mission|cycle` when the devlog names all three, or else its content hash.
    let identity: String
    /// Whether ``identity`` is `agent|mission|cycle`.
    let hasNaturalIdentity: Bool

    init(_ devlog: Devlog) throws {
        self.devlog = devlog
        (agent, mission, cycle) = devlog.agentMissionCycle
        let json = try BlocksJSON.encode(devlog.blocks)
        blocksJSON = String(decoding: json, as: UTF8.self)
        contentHash = Self.contentPrefix + Self.hex(SHA256.hash(data: json))
        if let agent, let mission, !cycle.label.isEmpty {
            identity = "\(agent.id)|\(mission.id)|\(cycle.label)"
            hasNaturalIdentity = true
        } else {
            identity = contentHash
            hasNaturalIdentity = false
        }
    }

    /// Lowercase hex digits of a digest.
    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(SHA256.byteCount * 2)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: text, as: UTF8.self)
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
        var group = ""
        for (seq, block) in devlog.blocks.enumerated() {
            switch block.kind {
            case .section:
                group = ""
            case .subsection:
                group = block.value
            case .task:
                try db.cachedStatement(sql: """
                    INSERT INTO cycle_tasks (cycle_id, seq, number, title, state, status_text) VALUES (?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [cycleID, seq, block.number, block.value, block.status?.state.rawValue, block.status?.text])
            case .metric:
                try db.cachedStatement(sql: """
                    INSERT INTO cycle_metrics (cycle_id, seq, "group", label, value, quantity, unit) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [cycleID, seq, group, block.label, block.value, block.quantity?.number, block.quantity?.unit ?? ""])
            default:
                break
            }
        }
    }
}
