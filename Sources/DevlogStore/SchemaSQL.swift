/// The schema's statements that the migration steps and the current schema share, so that a
/// database migrated step by step and a new one hold the same text in `sqlite_master` (a test
/// compares them).
enum SchemaSQL {
    /// Agents, missions and cycles, as the first step created them.
    static let recordTables = """
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
            """

    /// The indexes of the queries by agent, mission and date.
    static let cycleIndexes = """
            CREATE INDEX cycles_by_agent ON cycles(agent_id, date, number);
            CREATE INDEX cycles_by_mission ON cycles(mission_id, date, number);
            CREATE INDEX cycles_by_date ON cycles(date, number);
            """

    /// Facts the archiver read from git for a cycle, kept so a rerun writes the same devlog.
    static let cycleFacts = """
            CREATE TABLE cycle_facts (
                cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (cycle_id, key)
            ) WITHOUT ROWID;
            """

    /// The publish outbox. Webhook ids only: a token must never reach the file.
    static let outbox = """
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
            """

    /// Tasks and metrics as rowid tables (step `rowidTaskAndMetricRows`), with the metrics' indexes.
    static let recordRows = """
            -- A cycle's secondary tasks; seq is the task block's index in the devlog. Keyed by
            -- cycle_id << 32 | seq: a cycle's rows are one range of ids, in order.
            CREATE TABLE cycle_tasks (
                id INTEGER PRIMARY KEY,
                cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                number INTEGER,
                title TEXT NOT NULL,
                state TEXT,
                status_text TEXT
            );
            -- A cycle's metrics, with the subsection that groups them ('' outside one), keyed as
            -- the tasks. New cycles' metrics wait outside the label index (indexed = 0), found
            -- through a small index of waiting rows, and join it together every
            -- `CycleFacts.metricIndexBatch` cycles.
            CREATE TABLE cycle_metrics (
                id INTEGER PRIMARY KEY,
                cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                "group" TEXT NOT NULL,
                label TEXT NOT NULL,
                value TEXT NOT NULL,
                quantity REAL,
                unit TEXT NOT NULL,
                indexed INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX cycle_metrics_by_label ON cycle_metrics(label, cycle_id) WHERE indexed = 1;
            CREATE INDEX cycle_metrics_waiting ON cycle_metrics(cycle_id) WHERE indexed = 0;
            """

    /// The views the queries read.
    static let recordViews = """
            CREATE VIEW tasks AS
                SELECT c.id AS cycle_id, c.agent_id, c.mission_id, c.label AS cycle_label, c.date,
                       'primary' AS role, NULL AS number, -1 AS seq, c.objective AS title,
                       c.state, c.status_text, c.progress
                FROM cycles c WHERE c.objective <> ''
                UNION ALL
                SELECT c.id, c.agent_id, c.mission_id, c.label, c.date,
                       'secondary', t.number, t.seq, t.title, t.state, t.status_text, NULL
                FROM cycles c JOIN cycle_tasks t ON t.id >= c.id << 32 AND t.id < (c.id + 1) << 32;

            CREATE VIEW metrics AS
                SELECT c.id AS cycle_id, c.agent_id, c.mission_id, c.label AS cycle_label,
                       c.number AS cycle_number, c.date, m.seq, m."group", m.label, m.value, m.quantity, m.unit
                FROM cycle_metrics m JOIN cycles c ON c.id = m.cycle_id WHERE m.indexed = 1
                UNION ALL
                SELECT c.id, c.agent_id, c.mission_id, c.label, c.number, c.date, m.seq, m."group", m.label,
                       m.value, m.quantity, m.unit
                FROM cycle_metrics m JOIN cycles c ON c.id = m.cycle_id WHERE m.indexed = 0;
            """
}
