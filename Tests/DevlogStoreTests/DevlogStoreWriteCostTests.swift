import DevlogModel
@testable import DevlogStore
import Foundation
import GRDB
import Testing

/// What keeps a save cheap (checkpoints beside the writer, metric labels indexed in batches)
/// must leave the file bounded and every query answering as before.
@Suite("DevlogStore: checkpoints beside the writer, metric labels indexed in batches")
struct DevlogStoreWriteCostTests {
    /// A devlog with 60 long tasks: a few hundred of them outgrow the WAL's bound many times.
    static func bulky(_ cycle: Int) -> Devlog {
        var devlog = StoreFixtures.devlog(mission: "bulk_\(cycle)", cycle: cycle)
        for task in 0..<60 {
            devlog.addTask("Task \(task) of cycle \(cycle): " + String(repeating: "more detail ", count: 30), status: nil)
        }
        return devlog
    }

    static func fileSize(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    /// Every table, index and view with its SQL, by name.
    static func schema(_ path: String) throws -> [Row] {
        try readOnly(path).read { db in
            try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
        }
    }

    static func readOnly(_ path: String) throws -> DatabaseQueue {
        var configuration = GRDB.Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    @Test("the WAL stays bounded while one writer saves without pause; closing the store empties it")
    func boundedWAL() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("bounded.sqlite")
        let saves = 400
        // SQLite's own checkpoint interval, so a few hundred saves outgrow the bound many times.
        let configuration = DevlogStore.Configuration(checkpointFrames: 1000)
        var store: DevlogStore? = try DevlogStore(path: path, configuration: configuration)
        for cycle in 1...saves {
            #expect(try store?.save(Self.bulky(cycle), source: "\(cycle).md").change == .inserted)
        }
        let pageSize = try Self.readOnly(path).read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0 }
        let walFrames = (Self.fileSize(path + "-wal") - 32) / (pageSize + 24)
        // The bound, plus one bulky save's pages committed after the writer's last checkpoint.
        let bound = 4 * configuration.checkpointFrames + 100
        #expect(walFrames <= bound, "WAL holds \(walFrames) frames")

        store = nil
        #expect(Self.fileSize(path + "-wal") == 0, "the last connection to close checkpoints and removes the WAL")
        // Everything is in the database file now, and it outgrew the bound: an unchecked WAL would have too.
        #expect(Self.fileSize(path) > bound * pageSize)
        let (integrity, stored) = try Self.readOnly(path).read { db in
            (try String.fetchOne(db, sql: "PRAGMA integrity_check"), try Int.fetchOne(db, sql: "SELECT count(*) FROM cycles"))
        }
        #expect(integrity == "ok")
        #expect(stored == saves)
        let reopened = try DevlogStore(path: path, configuration: .init(cacheCapacity: 0))
        #expect(try reopened.cycles(mission: "bulk_\(saves)").count == 1)
        #expect(try reopened.devlog(id: Int64(saves))?.devlog == Self.bulky(saves))
    }

    @Test("new cycles' metrics wait outside the label index until a batch boundary; history finds both")
    func metricBatches() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("batches.sqlite")
        let store = try DevlogStore(path: path)
        let batch = Int(CycleFacts.metricIndexBatch)
        let count = batch + 3
        var ids: [Int64] = []
        for cycle in 1...count {
            ids.append(try store.save(StoreFixtures.devlog(cycle: cycle, coverage: "\(cycle)%"), source: "\(cycle).md").id)
        }
        func rows(indexed: Bool) throws -> Int {
            try Self.readOnly(path).read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM cycle_metrics WHERE indexed = ?", arguments: [indexed]) ?? -1
            }
        }
        // Two metrics per fixture devlog: the batch's joined the index, the three after it wait.
        #expect(try rows(indexed: true) == 2 * batch)
        #expect(try rows(indexed: false) == 2 * 3)

        let history = try store.metricHistory(label: "Test Coverage")
        #expect(history.map(\.cycleNumber) == Array(1...count))
        #expect(history.map(\.number) == (1...count).map { Double($0) })
        #expect(history.map(\.cycleID) == ids)

        // A replaced cycle's metrics go straight into the index: no later batch may pass its id.
        try store.update(id: ids[count - 1]) { $0.setMetric("Test Coverage", "99%", group: "Quality Metrics") }
        #expect(try rows(indexed: false) == 2 * 2)
        #expect(try store.metricHistory(label: "Test Coverage").last?.number == 99)
        #expect(try store.metricHistory(label: "Test Coverage").count == count)

        // Both halves of the view are read through an index.
        let plan = try Self.readOnly(path).read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM metrics WHERE label = 'x'").map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("cycle_metrics_by_label") })
        #expect(plan.contains { $0.contains("cycle_metrics_waiting") })
    }

    @Test("a database from before batched metric indexing keeps its metrics in the label index")
    func migratesIndexedMetrics() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("older.sqlite")
        do {
            // As a devlog from before the merged migration left it: four steps, each its own migration.
            let queue = try DatabaseQueue(path: path)
            var older = DatabaseMigrator()
            for step in DevlogStore.schemaSteps.prefix(4) {
                older.registerMigration(step.identifier) { db in try db.execute(sql: step.sql) }
            }
            try older.migrate(queue)
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO cycles (label, number, date, title, last_updated, next_update, identity, content_hash,
                                        source, created_at, updated_at, blocks)
                    VALUES ('1', 1, '2025-09-12', 'Old cycle', '', '', 'old', 'hash', 'old.md', '2025-09-12', '2025-09-12', x'01');
                    INSERT INTO cycle_metrics (cycle_id, seq, "group", label, value, quantity, unit)
                    VALUES (1, 0, '', 'Old Metric', '5 files', 5, 'files');
                    """)
            }
        }
        let store = try DevlogStore(path: path)
        #expect(try store.metricHistory(label: "Old Metric").map(\.number) == [5])
        let indexed = try Self.readOnly(path).read { db in
            try Int.fetchOne(db, sql: "SELECT indexed FROM cycle_metrics WHERE label = 'Old Metric'")
        }
        #expect(indexed == 1)
        let rowID = try Self.readOnly(path).read { db in try Int64.fetchOne(db, sql: "SELECT id FROM cycle_metrics") }
        #expect(rowID == 1 << 32)

        // The merged migration ran the fifth and sixth steps alone: the schema is a new database's, and
        // the older identifiers gave way to the merged one.
        let fresh = folder.path("fresh.sqlite")
        _ = try DevlogStore(path: fresh)
        #expect(try Self.schema(path) == Self.schema(fresh))
        // The new database, created without GRDB's migrator, is recorded as that migrator would
        // record it, and GRDB agrees nothing is left to run.
        for database in [path, fresh] {
            let applied = try Self.readOnly(database).read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
            #expect(Set(applied) == Set(DevlogStore.newDatabaseMigrations))
            #expect(try Self.readOnly(database).read { db in try DevlogStore.migrator.hasCompletedMigrations(db) })
        }
    }

    @Test("a database of the five-step schema gets rowid task and metric rows, in order, queries unchanged")
    func migratesToRowidRecords() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("five-steps.sqlite")
        do {
            // As the previous devlog created a database: five steps in one merged migration.
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                for step in DevlogStore.schemaSteps.prefix(5) { try db.execute(sql: step.sql) }
                try db.execute(sql: """
                    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                    INSERT INTO grdb_migrations VALUES ('schemaSteps1to5');
                    INSERT INTO cycles (mission_id, label, number, date, title, last_updated, next_update, objective, identity,
                                        content_hash, source, created_at, updated_at, blocks)
                    VALUES (NULL, '1', 1, '2025-09-12', 'Old cycle', '', '', '', 'old', 'hash', 'old.md', '2025-09-12', '2025-09-12', x'01');
                    INSERT INTO missions (id) VALUES ('old_mission');
                    UPDATE cycles SET mission_id = 'old_mission';
                    INSERT INTO cycle_tasks (cycle_id, seq, number, title, state, status_text)
                    VALUES (1, 12, 2, 'Second', 'pending', 'Pending'), (1, 7, 1, 'First', 'completed', 'Completed');
                    INSERT INTO cycle_metrics (cycle_id, seq, "group", label, value, quantity, unit, indexed)
                    VALUES (1, 20, 'Quality', 'Coverage', '80%', 80, '%', 1), (1, 21, 'Quality', 'Speed', '3 ms', 3, 'ms', 0);
                    """)
            }
        }
        let store = try DevlogStore(path: path)
        #expect(try store.tasks(mission: "old_mission").map(\.task.title) == ["First", "Second"])
        #expect(try store.tasks(mission: "old_mission", state: .pending).map(\.task.number) == [2])
        #expect(try store.metricHistory(label: "Coverage").map(\.number) == [80])
        #expect(try store.metricHistory(label: "Speed").map(\.number) == [3])
        let (tasks, metrics) = try Self.readOnly(path).read { db in
            (try Int64.fetchAll(db, sql: "SELECT id FROM cycle_tasks ORDER BY id"),
             try Int64.fetchAll(db, sql: "SELECT id FROM cycle_metrics WHERE indexed = 0"))
        }
        #expect(tasks == [1 << 32 | 7, 1 << 32 | 12])
        #expect(metrics == [1 << 32 | 21])

        let fresh = folder.path("fresh.sqlite")
        _ = try DevlogStore(path: fresh)
        #expect(try Self.schema(path) == Self.schema(fresh))
        let applied = try Self.readOnly(path).read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(Set(applied) == Set(DevlogStore.newDatabaseMigrations))
    }
}
