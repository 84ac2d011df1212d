import DevlogModel
@testable import DevlogStore
import Foundation
import GRDB
import Synchronization
import Testing

@Suite("DevlogStore: many writer processes on one file")
struct DevlogStoreConcurrencyTests {
    static let workers = 8
    static let updatesPerWorker = 50

    @Test("8 processes creating one new database at once: one creates the schema, all save")
    func eightCreators() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("new/created.sqlite")
        // All of them open the file at the same moment, once every process is running.
        let start = Int64((Date().timeIntervalSince1970 + 0.5) * 1000)
        let children = try (0..<Self.workers).map { worker in
            try StoreFixtures.launch(["create", path, String(start), "C\(worker)"])
        }
        for (worker, child) in children.enumerated() {
            let (status, errors) = child.finish()
            #expect(status == 0, "worker \(worker): \(errors)")
        }
        let store = try DevlogStore(path: path)
        #expect(try store.cycles().count == Self.workers)
        var readOnly = GRDB.Configuration()
        readOnly.readonly = true
        let applied = try DatabaseQueue(path: path, configuration: readOnly).read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(Set(applied) == Set(DevlogStore.migrator.migrations))
    }

    @Test("8 processes appending tasks to one cycle and inserting their own lose nothing")
    func eightWriters() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("contended.sqlite")
        let store = try DevlogStore(path: path)
        let target = try store.save(StoreFixtures.devlog(), source: "target.md").id
        let tasksBefore = try #require(try store.devlog(id: target)).devlog.tasks.count

        let children = try (0..<Self.workers).map { worker in
            try StoreFixtures.launch(["stress", path, String(target), "W\(worker)", String(Self.updatesPerWorker)])
        }
        for (worker, child) in children.enumerated() {
            let (status, errors) = child.finish()
            #expect(status == 0, "worker \(worker): \(errors)")
            #expect(!errors.contains("locked"), "worker \(worker): \(errors)")
        }

        // Read through this process's cache, which held the cycle before the children wrote.
        let stored = try #require(try store.devlog(id: target))
        let titles = Set(stored.devlog.tasks.map(\.title))
        #expect(stored.devlog.tasks.count == tasksBefore + Self.workers * Self.updatesPerWorker)
        for worker in 0..<Self.workers {
            let missing = (0..<Self.updatesPerWorker).filter { !titles.contains("W\(worker)-\($0)") }
            #expect(missing.isEmpty, "worker W\(worker) lost updates \(missing)")
        }
        // Task numbers stay unique: each read-modify-write saw the one before it.
        let numbers = stored.devlog.tasks.compactMap(\.number)
        #expect(Set(numbers).count == numbers.count)
        #expect(stored.revision == Int64(1 + Self.workers * Self.updatesPerWorker))

        let ownCycles = try store.cycles(mission: "stress")
        #expect(ownCycles.count == Self.workers * ((Self.updatesPerWorker + 4) / 5))
        for worker in 0..<Self.workers {
            #expect(try store.cycles(agent: "W\(worker)").count == (Self.updatesPerWorker + 4) / 5)
        }
        #expect(try DevlogStore(path: path, configuration: .init(cacheCapacity: 0)).devlog(id: target)?.devlog == stored.devlog)
    }

    @Test("a save meeting another connection's write transaction waits for it; both writes land")
    func saveWaitsForAnotherWriter() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("held.sqlite")
        let store = try DevlogStore(path: path)
        try store.save(StoreFixtures.devlog(cycle: 1), source: "1.md")
        // Holds SQLite's write lock with a write of its own not yet committed.
        var holding = GRDB.Configuration()
        holding.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: path, configuration: holding)
        try other.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "INSERT INTO agents (id) VALUES ('held-writer')")
        }

        let saved = Mutex<Result<SaveOutcome, any Error>?>(nil)
        let saver = Thread {
            let result = Result { try store.save(StoreFixtures.devlog(cycle: 2), source: "2.md") }
            saved.withLock { $0 = result }
        }
        saver.start()
        Thread.sleep(forTimeInterval: 0.3)
        #expect(saved.withLock { $0 } == nil, "the save returned while the other writer held the lock")
        try other.inDatabase { db in try db.execute(sql: "COMMIT") }
        while saved.withLock({ $0 }) == nil { Thread.sleep(forTimeInterval: 0.01) }

        #expect(try saved.withLock { $0 }?.get().change == .inserted)
        #expect(try store.cycles().map(\.label) == ["1", "2"])
        #expect(try other.read { db in try String.fetchOne(db, sql: "SELECT id FROM agents WHERE id = 'held-writer'") } == "held-writer")
    }
}
