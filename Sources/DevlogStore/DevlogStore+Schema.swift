import GRDB

extension DevlogStore {
    /// The tables each migration creates, to tell a devlog database from a foreign one.
    static let requiredTables = ["agents", "missions", "cycles", "cycle_tasks", "cycle_metrics"]

    /// The schema's steps, oldest first, each once a migration of its own under this identifier;
    /// an existing database runs those it lacks. Never edit a step: append one (and update
    /// ``currentSchema``, which a new database gets instead).
    static let schemaSteps: [(identifier: String, sql: String)] = [
        ("createRecords", SchemaSQL.recordTables + "\n" + """
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
        ("createQueryViews", SchemaSQL.cycleIndexes + "\n" + """
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
        ("createCycleFacts", SchemaSQL.cycleFacts),
        ("createOutbox", SchemaSQL.outbox),
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
        // Tasks and metrics keyed by their (cycle_id, seq) as WITHOUT ROWID tables took a save's
        // rows onto the right edge of a b-tree that SQLite rebalances across three siblings on
        // each split: 4 of a save's 20 written pages for 1.6 KiB of rows. As rowid tables keyed
        // by cycle_id << 32 | seq they keep the same order and append in place. Deleting a cycle
        // (no command does) would scan them for its ON DELETE CASCADE.
        ("rowidTaskAndMetricRows", """
            DROP VIEW tasks;
            DROP VIEW metrics;
            ALTER TABLE cycle_tasks RENAME TO cycle_tasks_before_rowid;
            ALTER TABLE cycle_metrics RENAME TO cycle_metrics_before_rowid;
            DROP INDEX cycle_metrics_by_label;
            DROP INDEX cycle_metrics_waiting;
            """ + "\n" + SchemaSQL.recordRows + "\n" + """
            INSERT INTO cycle_tasks (id, cycle_id, seq, number, title, state, status_text)
                SELECT cycle_id << 32 | seq, cycle_id, seq, number, title, state, status_text FROM cycle_tasks_before_rowid;
            INSERT INTO cycle_metrics (id, cycle_id, seq, "group", label, value, quantity, unit, indexed)
                SELECT cycle_id << 32 | seq, cycle_id, seq, "group", label, value, quantity, unit, indexed
                FROM cycle_metrics_before_rowid;
            DROP TABLE cycle_tasks_before_rowid;
            DROP TABLE cycle_metrics_before_rowid;
            """ + "\n" + SchemaSQL.recordViews),
    ]

    /// What the steps build, for a new database: the same tables, indexes and views without the
    /// ones later steps replace (running all six steps took 3.6 ms instead of 1.9).
    static let currentSchema = [
        SchemaSQL.recordTables, SchemaSQL.cycleIndexes, SchemaSQL.cycleFacts, SchemaSQL.outbox,
        SchemaSQL.recordRows, SchemaSQL.recordViews,
    ].joined(separator: "\n")

    /// The id of a cycle's task or metric row: the cycle's rows are one range of ids, in order.
    static func recordRowID(cycleID: Int64, seq: Int) -> Int64 {
        // Two billion cycles and blocks: beyond them ids would collide, so stop rather than mix rows.
        precondition(cycleID < 1 << 31 && seq < 1 << 32, "cycle \(cycleID), block \(seq): beyond the row ids' range")
        return cycleID << 32 | Int64(seq)
    }

    /// The schema, as named migrations. The steps above are one migration that merges theirs
    /// (GRDB's merged migrations): a new database gets ``currentSchema`` in one transaction
    /// instead of a migration per step, each with GRDB's bookkeeping around it; a database from
    /// an older devlog runs the steps it has not applied yet, and its applied identifiers give
    /// way to this one.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        let merged = Set(schemaSteps.map(\.identifier)).union(earlierMerges.keys)
        migrator.registerMigration(mergedSchemaIdentifier, merging: merged) { db, applied in
            guard !applied.isEmpty else { return try db.execute(sql: currentSchema) }
            // An earlier merge stands for the steps it merged.
            let done = applied.union(applied.flatMap { earlierMerges[$0] ?? [] })
            for step in schemaSteps where !done.contains(step.identifier) {
                try db.execute(sql: step.sql)
            }
        }
        migrator.registerMigration(contentHashMigrationIdentifier, migrate: rehashContent)
        return migrator
    }()

    /// The migrations a new database is recorded with: its schema, and the data migrations,
    /// which find nothing to change in an empty store.
    static let newDatabaseMigrations = [mergedSchemaIdentifier, contentHashMigrationIdentifier]

    /// The migration that merges ``schemaSteps``.
    static let mergedSchemaIdentifier = "schemaSteps1to6"

    /// Merged migrations of earlier versions, with the steps each stood for.
    static let earlierMerges: [String: [String]] = [
        "schemaSteps1to5": schemaSteps.prefix(5).map(\.identifier),
    ]

    /// Migration identifiers this devlog knows: its own and those its merged migration replaced.
    static var knownMigrations: Set<String> {
        Set(migrator.migrations).union(schemaSteps.map(\.identifier)).union(earlierMerges.keys)
    }
}
