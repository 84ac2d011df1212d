import DevlogMarkdown
import DevlogModel
import DevlogStore
import DevlogTestSupport
import Foundation
import GRDB
import Testing

@Suite("DevlogStore: saving, reading and querying")
struct DevlogStoreTests {
    @Test("a devlog built in code reads back block for block, in a folder the store creates")
    func roundTripBuiltInCode() throws {
        let folder = try TemporaryDirectory()
        let store = try DevlogStore(path: folder.path("nested/deeper/devlog.sqlite"))
        let devlog = StoreFixtures.devlog()
        let outcome = try store.save(devlog, source: "built-in-test")
        #expect(outcome.change == .inserted)

        let reopened = try DevlogStore(path: folder.path("nested/deeper/devlog.sqlite"))
        let stored = try #require(try reopened.devlog(id: outcome.id))
        #expect(stored.devlog == devlog)
        #expect(stored.devlog.markdown == devlog.markdown)
        #expect(stored.source == "built-in-test")
        #expect(stored.revision == 1)
        #expect(stored.devlog.metrics.map(\.group) == ["Quality Metrics", "Speed Metrics"])
        #expect(try reopened.devlog(id: outcome.id + 100) == nil)
    }

    @Test("every corpus devlog reads back equal to what was parsed", SharedFixtures.required)
    func roundTripCorpus() throws {
        let folder = try TemporaryDirectory()
        let store = try DevlogStore(path: folder.path("corpus.sqlite"))
        let files = SharedFixtures.devlogFiles
        #expect(files.count > 10)
        for file in files {
            let parsed = try MarkdownParser().parse(Data(contentsOf: file), file: file.lastPathComponent)
            let outcome = try store.save(parsed, source: file.lastPathComponent)
            #expect(outcome.change != .unchanged, "\(file.lastPathComponent)")
            let cached = try #require(try store.devlog(id: outcome.id))
            let uncached = try #require(try store.readUncached(id: outcome.id))
            #expect(cached.devlog == parsed, "\(file.lastPathComponent)")
            #expect(uncached.devlog == parsed, "\(file.lastPathComponent)")
            #expect(uncached.devlog.markdown == parsed.markdown, "\(file.lastPathComponent)")
            #expect(try store.save(parsed, source: file.lastPathComponent) == SaveOutcome(id: outcome.id, change: .unchanged))
        }
    }

    @Test("same identity and content is unchanged; changed content updates in place")
    func identity() throws {
        let folder = try TemporaryDirectory()
        let store = try DevlogStore(path: folder.path("identity.sqlite"))
        let first = try store.save(StoreFixtures.devlog(coverage: "80%"), source: "a.md")
        let again = try store.save(StoreFixtures.devlog(coverage: "80%"), source: "a.md")
        #expect(again == SaveOutcome(id: first.id, change: .unchanged))

        let changed = try store.save(StoreFixtures.devlog(coverage: "95%"), source: "a.md")
        #expect(changed == SaveOutcome(id: first.id, change: .updated))
        #expect(try store.cycles().count == 1)
        let stored = try #require(try store.devlog(id: first.id))
        #expect(stored.devlog.metrics.first?.value == "95%")
        #expect(stored.revision == 2)

        let other = try store.save(StoreFixtures.devlog(cycle: 2), source: "b.md")
        #expect(other.change == .inserted)
        #expect(other.id != first.id)
    }

    @Test("a batch lands in one transaction: a devlog refused in it changes nothing, the others land; one that ends the transaction stores none")
    func batch() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("batch.sqlite")
        let store = try DevlogStore(path: path)
        // A trigger stands for SQLite refusing one row (ABORT: that statement) or the whole transaction (ROLLBACK).
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse_abort BEFORE INSERT ON cycles WHEN NEW.agent_id = 'Agent-abort' BEGIN SELECT RAISE(ABORT, 'refused'); END;
                CREATE TRIGGER refuse_rollback BEFORE INSERT ON cycles WHEN NEW.agent_id = 'Agent-rollback' BEGIN SELECT RAISE(ROLLBACK, 'refused'); END;
                """)
        }
        let devlogs = [StoreFixtures.devlog(cycle: 1), StoreFixtures.devlog(agent: "Agent-abort"), StoreFixtures.devlog(agent: "Agent\u{0}7"),
                       StoreFixtures.devlog(cycle: 2), StoreFixtures.devlog(cycle: 1)]
        let results = try store.save(devlogs.enumerated().map { (PreparedDevlog($1), "\($0).md") })
        #expect(results.count == 5)
        #expect(try results[0].get().change == .inserted && results[3].get().change == .inserted)
        #expect(try results[4].get() == SaveOutcome(id: results[0].get().id, change: .unchanged))
        #expect(throws: StoreError.self) { try results[1].get() }
        #expect(throws: StoreError.self) { try results[2].get() }
        #expect(try store.cycles().map(\.number) == [1, 2])

        let ended = #expect(throws: StoreError.self) {
            try store.save([(PreparedDevlog(StoreFixtures.devlog(cycle: 3)), "3.md"), (PreparedDevlog(StoreFixtures.devlog(agent: "Agent-rollback")), "r.md")])
        }
        #expect(ended?.description.contains("refused") == true)
        #expect(try store.cycles().map(\.number) == [1, 2], "the batch's first devlog went with the transaction")
        #expect(try store.save([(PreparedDevlog(StoreFixtures.devlog(cycle: 3)), "3.md")]).count == 1)
        #expect(try store.cycles().count == 3)
    }

    @Test("a devlog without agent, mission and cycle is named by its content, and keeps that name through edits")
    func contentIdentity() throws {
        let folder = try TemporaryDirectory()
        let store = try DevlogStore(path: folder.path("anonymous.sqlite"))
        let anonymous = Devlog(blocks: [.title("Notes"), .blank, .item("one line")])
        let first = try store.save(anonymous, source: "notes.md")
        #expect(try store.save(anonymous, source: "notes.md") == SaveOutcome(id: first.id, change: .unchanged))
        try store.update(id: first.id) { $0.blocks.append(.item("another line")) }
        // Re-importing the original file finds the edited cycle rather than adding a second one.
        #expect(try store.save(anonymous, source: "notes.md") == SaveOutcome(id: first.id, change: .updated))
        #expect(try store.cycles().count == 1)
    }

    @Test("update edits in one transaction, refuses unknown ids and identity clashes")
    func updateRules() throws {
        let folder = try TemporaryDirectory()
        let store = try DevlogStore(path: folder.path("update.sqlite"))
        let one = try store.save(StoreFixtures.devlog(cycle: 1), source: "1.md").id
        let two = try store.save(StoreFixtures.devlog(cycle: 2), source: "2.md").id

        let edited = try store.update(id: one) { $0.addTask("Ship it", status: Status(.pending)) }
        #expect(edited.devlog.tasks.last?.title == "Ship it")
        #expect(edited.revision == 2)

        let missing = #expect(throws: StoreError.self) { try store.update(id: 999) { _ in } }
        #expect(missing?.description.contains("no devlog with id 999") == true)

        let clash = #expect(throws: StoreError.self) { try store.update(id: two) { $0.setFooter("Cycle", "1") } }
        #expect(clash?.description.contains("devlog \(one) already is") == true)
        // The failed edit rolled back.
        #expect(try store.readUncached(id: two)?.devlog.cycle.label == "2")

        struct Refused: Error {}
        #expect(throws: Refused.self) { try store.update(id: one) { $0.addTask("never", status: nil); throw Refused() } }
        #expect(try store.readUncached(id: one)?.devlog.tasks.contains { $0.title == "never" } == false)
    }

    @Test("tasks by mission and state, metric history over three cycles, cycles by agent and mission")
    func queries() throws {
        let folder = try TemporaryDirectory()
        let store = try DevlogStore(path: folder.path("queries.sqlite"))
        // Saved out of date order: history must come back oldest first.
        try store.save(StoreFixtures.devlog(cycle: 3, date: "2025-09-13", coverage: "90%", state: .completed), source: "3.md")
        try store.save(StoreFixtures.devlog(cycle: 1, date: "2025-09-11", coverage: "70%"), source: "1.md")
        try store.save(StoreFixtures.devlog(cycle: 2, date: "2025-09-12", coverage: "80.5%"), source: "2.md")
        try store.save(StoreFixtures.devlog(agent: "Agent-8", mission: "other_mission", cycle: 1, coverage: "10%"), source: "o.md")

        let history = try store.metricHistory(label: "Test Coverage", agent: "Agent-7")
        #expect(history.map(\.number) == [70, 80.5, 90])
        #expect(history.map(\.cycleNumber) == [1, 2, 3])
        #expect(history.allSatisfy { $0.unit == "%" && $0.group == "Quality Metrics" && $0.agent == "Agent-7" })
        #expect(try store.metricHistory(label: "Test Coverage").count == 4)
        #expect(try store.metricHistory(label: "Build Time").first?.unit == "minutes")

        let all = try store.tasks(mission: "store_mission")
        #expect(all.count == 9) // a primary and two secondary tasks in each of three cycles
        #expect(all.first?.task.role == .primary)
        #expect(all.map(\.date) == all.map(\.date).sorted())
        let completed = try store.tasks(mission: "store_mission", state: .completed)
        // "Write the migrations" in every cycle, and cycle 3's primary task.
        #expect(completed.count == 4)
        #expect(completed.filter { $0.task.role == .primary }.map(\.cycleLabel) == ["3"])
        #expect(try store.tasks(mission: "other_mission", state: .inProgress).map(\.task.title) == ["Keep every record", "Cache the reads"])

        #expect(try store.cycles(agent: "Agent-7").map(\.number) == [1, 2, 3])
        #expect(try store.cycles(mission: "other_mission").map(\.agent) == ["Agent-8"])
        #expect(try store.cycles(agent: "Agent-7", mission: "other_mission").isEmpty)
        #expect(try store.cycles(agent: "Agent-7").last?.state == .completed)
        #expect(try store.latest(agent: "Agent-7")?.devlog.cycle.number == 3)
        #expect(try store.latest()?.devlog.cycle.date == "2025-09-13")
    }

    @Test("the tool's queries use their indexes")
    func queryPlans() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("plans.sqlite")
        _ = try DevlogStore(path: path)
        let queue = try DatabaseQueue(path: path)
        func plan(_ sql: String) throws -> String {
            try queue.read { db in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "; ") }
        }
        #expect(try plan("SELECT * FROM metrics WHERE label = 'x'").contains("cycle_metrics_by_label"))
        let tasks = try plan("SELECT * FROM tasks WHERE mission_id = 'm'")
        #expect(tasks.contains("cycles_by_mission"))
        // A cycle's task rows are found by their key, not by scanning every task.
        #expect(tasks.contains("SEARCH t USING INDEX sqlite_autoindex_cycle_tasks_1 (cycle_id=?)"), "\(tasks)")
        #expect(try plan("SELECT id FROM cycles WHERE agent_id = 'a' ORDER BY date DESC, number DESC LIMIT 1").contains("cycles_by_agent"))
    }

    @Test("a file that is not SQLite is refused with a clear error and left as it was")
    func notSQLite() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("notes.sqlite")
        let bytes = Data(String(repeating: "these are my notes, not a database\n", count: 200).utf8)
        try bytes.write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try DevlogStore(path: path) }
        #expect(error?.description == "database at \(path) is not an SQLite database; point --db at a devlog database or move that file away")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["notes.sqlite"])
    }

    @Test("missing folders are created; a file where a folder must go is named in the error")
    func folders() throws {
        let folder = try TemporaryDirectory()
        _ = try DevlogStore(path: folder.path("a/b/devlog.sqlite"))
        #expect(FileManager.default.fileExists(atPath: folder.path("a/b/devlog.sqlite")))

        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.path("file")))
        let nested = #expect(throws: StoreError.self) { try DevlogStore(path: folder.path("file/sub/devlog.sqlite")) }
        #expect(nested?.description.hasPrefix("cannot create the folder \(folder.path("file/sub")) for the database: ") == true)
        let direct = #expect(throws: StoreError.self) { try DevlogStore(path: folder.path("file/devlog.sqlite")) }
        #expect(direct?.description == "cannot create the folder \(folder.path("file")) for the database: a file of that name is in the way; check its permissions or choose another --db")
    }

    @Test("another program's SQLite database is refused and left as it was")
    func foreignSchema() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("other.sqlite")
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try DevlogStore(path: path) }
        #expect(error?.description == "database at \(path) is not a devlog database (table grdb_migrations missing); point --db at a devlog database or delete it")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a devlog database from a newer version is refused")
    func newerSchema() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("newer.sqlite")
        _ = try DevlogStore(path: path)
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('fromTheFuture')") }
        let error = #expect(throws: StoreError.self) { try DevlogStore(path: path) }
        #expect(error?.description.contains("written by a newer devlog (unknown migrations: fromTheFuture)") == true)
    }

    @Test("a store written before 1.0 is refused with one line saying how to rebuild it, and left as it was")
    func preReleaseSchema() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("old.sqlite")
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                INSERT INTO grdb_migrations VALUES ('schemaSteps1to6'), ('murmurContentHashes');
                CREATE TABLE cycles (id INTEGER PRIMARY KEY, blocks BLOB NOT NULL);
                INSERT INTO cycles VALUES (1, x'01020304');
                """)
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try DevlogStore(path: path) }
        #expect(error?.description == "database at \(path) was written by a devlog before 1.0, whose format this one does not read; move it aside and rebuild it from the archived markdown with `devlog import devlogs/`")
        #expect(error?.description.contains("\n") == false)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a devlog over the size limit is refused before SQLite is asked to bind it, saved or edited, and nothing is written")
    func sizeLimit() throws {
        let folder = try TemporaryDirectory()
        let store = try DevlogStore(path: folder.path("limit.sqlite"), configuration: .init(maximumDevlogBytes: 64 << 10))
        var big = StoreFixtures.devlog(cycle: 1)
        big.addTask(String(repeating: "x", count: 100_000), status: nil)
        let refused = #expect(throws: StoreError.self) { try store.save(big, source: "big.md") }
        #expect(refused?.description.contains("KiB once encoded, over the 64 KiB limit; nothing was written") == true)
        #expect(try store.cycles().isEmpty)

        let small = try store.save(StoreFixtures.devlog(cycle: 2), source: "small.md").id
        #expect(throws: StoreError.self) { try store.update(id: small) { $0.addTask(String(repeating: "y", count: 100_000), status: nil) } }
        #expect(try store.readUncached(id: small)?.revision == 1)
    }

    @Test("an id holding a control character is refused: SQLite would cut it at a NUL and merge two cycles")
    func controlCharactersInIDs() throws {
        let folder = try TemporaryDirectory()
        let store = try DevlogStore(path: folder.path("ids.sqlite"))
        for (agent, mission) in [("Agent\u{0}7", "m"), ("Agent-7", "m\n## FORGED"), ("Agent-7\u{1B}[2J", "m")] {
            let error = #expect(throws: StoreError.self) { try store.save(StoreFixtures.devlog(agent: agent, mission: mission), source: "x.md") }
            #expect(error?.description.contains("holds control character U+00") == true)
            #expect(error?.description.contains("\n") == false)
        }
        var cycle = StoreFixtures.devlog()
        cycle.setFooter("Cycle", "1\u{0}b")
        #expect(throws: StoreError.self) { try store.save(cycle, source: "x.md") }
        #expect(try store.cycles().isEmpty)

        let saved = try store.save(StoreFixtures.devlog(), source: "ok.md").id
        #expect(throws: StoreError.self) { try store.update(id: saved) { $0.setFooter("Cycle", "1\u{0}") } }
        #expect(try store.readUncached(id: saved)?.devlog.cycle.label == "1")
    }

    @Test("a metric too large for a Double keeps its text and stores no number")
    func hugeMetric() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("huge.sqlite")
        let store = try DevlogStore(path: path)
        let digits = String(repeating: "9", count: 400)
        var devlog = StoreFixtures.devlog()
        devlog.setMetric("Rows Scanned", digits, group: "Quality Metrics")
        let id = try store.save(devlog, source: "huge.md").id
        #expect(try store.readUncached(id: id)?.devlog.metrics.first { $0.label == "Rows Scanned" }?.value == digits)
        let row = try #require(try DatabaseQueue(path: path).read { db in
            try Row.fetchOne(db, sql: "SELECT value, quantity FROM cycle_metrics WHERE label = 'Rows Scanned'")
        })
        #expect(row["value"] as String == digits)
        #expect(row["quantity"] as Double? == nil)
        #expect(try store.metricHistory(label: "Rows Scanned").map(\.number) == [nil])
    }
}
