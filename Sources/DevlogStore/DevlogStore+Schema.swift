import GRDB

extension DevlogStore {
    /// The tables each migration creates, to tell a devlog database from a foreign one.
    static let requiredTables = ["agents", "missions", "cycles", "cycle_tasks", "cycle_metrics"]

    /// The schema's first steps, oldest first, each once a migration of its own under this
    /// identifier. Never edit a step: add a migration after ``schemaSteps`` in ``migrator``.
    static let schemaSteps: [(identifier: String, sql: String)] = [
        ("createRecords", """
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
            -- One devlog. The primary-task columns are this cycle's own, so history survives
            -- later cycles of the mission. AUTOINCREMENT: an id is never reused, which the
            -- read cache relies on (id + revision names one content). `blocks` is the whole
            -- devlog, block for block (PackedBlocks): it is saved and read whole, so one
            -- value instead of ~160 rows; what queries need is in the typed tables below.
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
                blocks BLOB NOT NULL
            );
            -- A cycle's secondary tasks; seq is the task block's index in the devlog.
            CREATE TABLE cycle_tasks (
                cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                number INTEGER,
                title TEXT NOT NULL,
                state TEXT,
                status_text TEXT,
                PRIMARY KEY (cycle_id, seq)
            ) WITHOUT ROWID;
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
            ) WITHOUT ROWID;
            """),
        ("createQueryViews", """
            CREATE INDEX cycles_by_agent ON cycles(agent_id, date, number);
            CREATE INDEX cycles_by_mission ON cycles(mission_id, date, number);
            CREATE INDEX cycles_by_date ON cycles(date, number);
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
            """),
        // Facts the archiver read from git for a cycle, kept so a rerun writes the same devlog.
        ("createCycleFacts", """
            CREATE TABLE cycle_facts (
                cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (cycle_id, key)
            ) WITHOUT ROWID;
            """),
        // The publish outbox. Webhook ids only: a token must never reach the file.
        ("createOutbox", """
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
            ) WITHOUT ROWID;
            CREATE INDEX outbox_unsent ON outbox(state) WHERE state <> 'sent';
            -- The mode each devlog was last published in, so a retry rebuilds the same parts.
            CREATE TABLE publications (
                devlog_key TEXT NOT NULL,
                webhook_id TEXT NOT NULL,
                mode TEXT NOT NULL,
                updated_at DATETIME NOT NULL,
                PRIMARY KEY (devlog_key, webhook_id)
            ) WITHOUT ROWID;
            """),
        // Saving a devlog added its ~16 metrics to as many leaves of the label index (each
        // label's entries end on their own leaf), half the pages of a commit. New cycles' metrics
        // now wait outside that index, found through a small index of waiting rows, and join it
        // together every `CycleFacts.metricIndexBatch` cycles: a few dozen leaves once per batch
        // instead of sixteen per devlog. The view reads both, so a query by label stays indexed.
        ("batchMetricLabelIndex", """
            ALTER TABLE cycle_metrics ADD COLUMN indexed INTEGER NOT NULL DEFAULT 1;
            DROP INDEX cycle_metrics_by_label;
            CREATE INDEX cycle_metrics_by_label ON cycle_metrics(label, cycle_id) WHERE indexed = 1;
            CREATE INDEX cycle_metrics_waiting ON cycle_metrics(cycle_id) WHERE indexed = 0;

            DROP VIEW metrics;
            CREATE VIEW metrics AS
                SELECT c.id AS cycle_id, c.agent_id, c.mission_id, c.label AS cycle_label,
                       c.number AS cycle_number, c.date, m.seq, m."group", m.label, m.value, m.quantity, m.unit
                FROM cycle_metrics m JOIN cycles c ON c.id = m.cycle_id WHERE m.indexed = 1
                UNION ALL
                SELECT c.id, c.agent_id, c.mission_id, c.label, c.number, c.date, m.seq, m."group", m.label,
                       m.value, m.quantity, m.unit
                FROM cycle_metrics m JOIN cycles c ON c.id = m.cycle_id WHERE m.indexed = 0;
            """),
    ]

    /// The schema, as named migrations. The steps above run as one migration that merges theirs
    /// (GRDB's merged migrations): a new database gets them all in one transaction instead of
    /// five, each with GRDB's bookkeeping around it (3.2 → 2.65 ms on a first run); a database
    /// from an older devlog runs the steps it has not applied yet, and its applied identifiers
    /// give way to this one.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(mergedSchemaIdentifier, merging: Set(schemaSteps.map(\.identifier))) { db, applied in
            for step in schemaSteps where !applied.contains(step.identifier) {
                try db.execute(sql: step.sql)
            }
        }
        return migrator
    }()

    /// The migration that merges ``schemaSteps``.
    static let mergedSchemaIdentifier = "schemaSteps1to5"

    /// Migration identifiers this devlog knows: its own and those its merged migration replaced.
    static var knownMigrations: Set<String> {
        Set(migrator.migrations).union(schemaSteps.map(\.identifier))
    }
}
