import Foundation
import GRDB
import Logging

extension DevlogStore {
    /// The schema, as named migrations: one for a new store. Later versions append migrations;
    /// never edit one that has shipped.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createSchema)
        migrator.registerMigration("v2-publishing", migrate: addSharedPublishing)
        return migrator
    }()

    /// Migration identifiers of the stores devlog wrote before 1.0 (blocks in a private binary
    /// format); such a store is refused with a way to rebuild it.
    static let preReleaseMigrations: Set<String> = [
        "createRecords", "createQueryViews", "createCycleFacts", "createOutbox", "batchMetricLabelIndex",
        "rowidTaskAndMetricRows", "schemaSteps1to5", "schemaSteps1to6", "murmurContentHashes",
    ]

    /// The tables a devlog store has, to tell it from another program's database.
    static let requiredTables = ["agents", "missions", "cycles", "cycle_tasks", "cycle_metrics"]

    private static func createSchema(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE agents (
                id TEXT PRIMARY KEY NOT NULL,
                specialty TEXT NOT NULL DEFAULT '',
                coordinates TEXT NOT NULL DEFAULT ''
            );
            -- A mission as the most recent save of one of its cycles describes it.
            CREATE TABLE missions (
                id TEXT PRIMARY KEY NOT NULL,
                agent_id TEXT REFERENCES agents(id),
                objective TEXT NOT NULL DEFAULT '',
                state TEXT,
                status_text TEXT,
                progress REAL,
                progress_text TEXT NOT NULL DEFAULT ''
            );
            -- One devlog. The primary-task columns are this cycle's own, so history survives later
            -- cycles of the mission. AUTOINCREMENT: an id is never reused, which the read cache
            -- relies on (id and revision name one content). `blocks` is the whole devlog as a JSON
            -- array of blocks, saved and read whole; what queries need is in the tables below.
            CREATE TABLE cycles (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                agent_id TEXT REFERENCES agents(id),
                mission_id TEXT REFERENCES missions(id),
                label TEXT NOT NULL,
                number INTEGER,
                date TEXT NOT NULL,
                title TEXT NOT NULL,
                last_updated TEXT NOT NULL,
                next_update TEXT NOT NULL,
                objective TEXT NOT NULL DEFAULT '',
                state TEXT,
                status_text TEXT,
                progress REAL,
                progress_text TEXT NOT NULL DEFAULT '',
                identity TEXT NOT NULL UNIQUE,
                content_hash TEXT NOT NULL,
                revision INTEGER NOT NULL DEFAULT 1,
                source TEXT NOT NULL,
                created_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL,
                blocks TEXT NOT NULL CHECK (json_valid(blocks))
            );
            CREATE INDEX cycles_by_agent ON cycles(agent_id, date, number);
            CREATE INDEX cycles_by_mission ON cycles(mission_id, date, number);
            CREATE INDEX cycles_by_date ON cycles(date, number);

            -- A cycle's secondary tasks; seq is the task block's index in the devlog.
            CREATE TABLE cycle_tasks (
                cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                number INTEGER,
                title TEXT NOT NULL,
                state TEXT,
                status_text TEXT,
                PRIMARY KEY (cycle_id, seq)
            );
            -- A cycle's metrics, with the subsection that groups them ('' outside one).
            CREATE TABLE cycle_metrics (
                cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                "group" TEXT NOT NULL,
                label TEXT NOT NULL,
                value TEXT NOT NULL,
                quantity REAL,
                unit TEXT NOT NULL,
                PRIMARY KEY (cycle_id, seq)
            );
            CREATE INDEX cycle_metrics_by_label ON cycle_metrics(label, cycle_id);

            CREATE VIEW tasks AS
                SELECT c.id AS cycle_id, c.agent_id, c.mission_id, c.label AS cycle_label, c.date,
                       'primary' AS role, NULL AS number, -1 AS seq, c.objective AS title,
                       c.state, c.status_text, c.progress
                FROM cycles c WHERE c.objective <> ''
                UNION ALL
                SELECT c.id, c.agent_id, c.mission_id, c.label, c.date,
                       'secondary', t.number, t.seq, t.title, t.state, t.status_text, NULL
                FROM cycle_tasks t JOIN cycles c ON c.id = t.cycle_id;

            CREATE VIEW metrics AS
                SELECT c.id AS cycle_id, c.agent_id, c.mission_id, c.label AS cycle_label,
                       c.number AS cycle_number, c.date, m.seq, m."group", m.label, m.value, m.quantity, m.unit
                FROM cycle_metrics m JOIN cycles c ON c.id = m.cycle_id;

            -- Facts the archiver read from git for a cycle, kept so a rerun writes the same devlog.
            CREATE TABLE cycle_facts (
                cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (cycle_id, key)
            );

            -- The publish outbox. Webhook ids only: a token must never reach the file.
            CREATE TABLE outbox (
                devlog_key TEXT NOT NULL,
                webhook_id TEXT NOT NULL,
                part_index INTEGER NOT NULL,
                content_hash TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT,
                message_id TEXT,
                channel_id TEXT,
                first_sent_at DATETIME,
                updated_at DATETIME NOT NULL,
                PRIMARY KEY (devlog_key, webhook_id, part_index)
            );
            CREATE INDEX outbox_unsent ON outbox(state) WHERE state <> 'sent';
            -- The mode each devlog was last published in, so a retry rebuilds the same parts.
            CREATE TABLE publications (
                devlog_key TEXT NOT NULL,
                webhook_id TEXT NOT NULL,
                mode TEXT NOT NULL,
                updated_at DATETIME NOT NULL,
                PRIMARY KEY (devlog_key, webhook_id)
            );
            """)
    }

    /// What processes publishing from one store share: Discord's rate limits, which process is
    /// publishing a cycle, and which revision of each cycle was delivered whole, so `devlog
    /// publish` knows what is still to send.
    private static func addSharedPublishing(_ db: Database) throws {
        try db.execute(sql: """
            -- Discord's rate limits as the processes publishing from this store have met them, so
            -- that together they keep to each webhook's limits: a JSON document per webhook id
            -- (whose turn it is to send, buckets, recent sends) and, under '', what spans every
            -- webhook (the global limit). The publisher owns the documents' shape; they matter
            -- for seconds only, so a document it cannot read is started afresh.
            CREATE TABLE rate_limits (
                webhook_id TEXT PRIMARY KEY NOT NULL,
                state TEXT NOT NULL CHECK (json_valid(state)),
                updated_at DATETIME NOT NULL
            );
            -- The cycle revision whose parts were last all confirmed on this webhook.
            ALTER TABLE publications ADD COLUMN revision INTEGER;
            -- The process publishing it now, and when its claim lapses if that process dies
            -- without ending it; it renews the claim while it works.
            ALTER TABLE publications ADD COLUMN claimed_by TEXT;
            ALTER TABLE publications ADD COLUMN claimed_until DATETIME;
            -- Publications finished before this column existed stand for the cycle as it is now.
            UPDATE publications SET revision = (SELECT revision FROM cycles WHERE CAST(cycles.id AS TEXT) = publications.devlog_key)
            WHERE EXISTS (SELECT 1 FROM outbox o WHERE o.devlog_key = publications.devlog_key AND o.webhook_id = publications.webhook_id)
              AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.devlog_key = publications.devlog_key AND o.webhook_id = publications.webhook_id
                                                      AND o.state <> 'sent');
            """)
    }

    /// Creates the folder of a database that does not exist yet.
    static func prepareFolder(for path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw StoreError.cannotCreateDirectory(path: folder.path, reason: "a file of that name is in the way")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError.cannotCreateDirectory(path: folder.path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Refuses a file that is not a devlog store of this version before anything writes to it:
    /// opening a pool would switch it to WAL mode, so the check reads through a read-only queue.
    static func checkExistingFile(at path: String) throws {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              (attributes[.size] as? Int ?? 0) > 0 else { return }
        var readOnly = GRDB.Configuration()
        readOnly.readonly = true
        let tables: Set<String>
        let applied: Set<String>
        do {
            let queue = try DatabaseQueue(path: path, configuration: readOnly)
            (tables, applied) = try queue.read { db in
                let tables = try String.fetchSet(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                let applied = tables.contains("grdb_migrations")
                    ? try String.fetchSet(db, sql: "SELECT identifier FROM grdb_migrations") : []
                return (tables, applied)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.notADatabase(path: path)
        } catch is DatabaseError {
            // Locked or mid-recovery: the pool's own open waits for it and reports what remains.
            return
        }
        // An empty SQLite file becomes a devlog store; anything else must already be one.
        guard tables.contains(where: { !$0.hasPrefix("sqlite_") }) else { return }
        if !applied.isDisjoint(with: preReleaseMigrations) { throw StoreError.preReleaseSchema(path: path) }
        guard tables.contains("grdb_migrations") else {
            throw StoreError.foreignSchema(path: path, missingTable: "grdb_migrations")
        }
        // GRDB's migrator creates its table before the schema: another process is creating this
        // store right now, and the pool's migration waits for it.
        guard !applied.isEmpty else { return }
        if let table = requiredTables.first(where: { !tables.contains($0) }) {
            throw StoreError.foreignSchema(path: path, missingTable: table)
        }
        let unknown = applied.subtracting(migrator.migrations)
        if !unknown.isEmpty { throw StoreError.newerSchema(path: path, migrations: unknown.sorted()) }
    }

    /// Applies pending migrations. Several processes may open a new file at once; GRDB's
    /// migrator reads what is applied before its transaction, so the loser of that race fails on
    /// a table that now exists. It then finds the migration applied and goes on.
    static func migrate(_ pool: DatabasePool, path: String, retries: Int, logger: Logger?) throws {
        let attempts = migrator.migrations.count + 1
        for attempt in 1...attempts {
            do {
                try retryingBusy(path: path, retries: retries, logger: logger) { try migrator.migrate(pool) }
                return
            } catch let error as DatabaseError where attempt < attempts {
                logger?.debug("store.migrate.raced", metadata: ["store.attempt": "\(attempt)", "store.code": "\(error.resultCode.rawValue)"])
            }
        }
    }
}
