import DevlogModel
@testable import DevlogStore
import Foundation
import GRDB
import Testing

/// The writer's WAL frames go to the file together, and never later than the commit that
/// needs them: other connections (another VFS, another process) see every commit at once.
@Suite("DevlogStore: a transaction's WAL frames written together")
struct WALWriteBatchingTests {
    @Test("a save's frames go out in one write; a connection through the unix VFS sees each commit")
    func oneWritePerSave() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("batched.sqlite")
        let store = try DevlogStore(path: path)
        // Opened outside the store: SQLite's own unix VFS, no batching.
        let reader = try DevlogStoreWriteCostTests.readOnly(path)
        for cycle in 1...20 {
            let before = WALWriteBatching.statistics
            let outcome = try store.save(StoreFixtures.devlog(cycle: cycle), source: "\(cycle).md")
            let after = WALWriteBatching.statistics
            let held = after.heldWrites - before.heldWrites
            let joined = after.joinedWrites - before.joinedWrites
            // Two writes per frame (header, page), several frames per save, one write for all.
            #expect(held >= 8 && joined >= 1 && held >= 4 * joined, "\(held) writes held, \(joined) made")
            #expect(try reader.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cycles") } == cycle)
            #expect(try reader.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM cycles") } == outcome.id)
        }
    }

    @Test("a transaction larger than the buffer goes out in pieces and reads back whole")
    func largeTransaction() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("large.sqlite")
        let devlogs = (1...120).map(DevlogStoreWriteCostTests.bulky)
        let store = try DevlogStore(path: path)
        let before = WALWriteBatching.statistics.joinedWrites
        let results = store.save(batch: devlogs.map { ($0, "bulk.md") })
        #expect(try results.map { try $0.get().change } == Array(repeating: .inserted, count: devlogs.count))
        // Megabytes of frames in one commit: written in several joined writes, not one.
        #expect(WALWriteBatching.statistics.joinedWrites - before >= 2)

        let reader = try DevlogStoreWriteCostTests.readOnly(path)
        let (integrity, count) = try reader.read { db in
            (try String.fetchOne(db, sql: "PRAGMA integrity_check"), try Int.fetchOne(db, sql: "SELECT count(*) FROM cycles"))
        }
        #expect(integrity == "ok")
        #expect(count == devlogs.count)
        let uncached = try DevlogStore(path: path, configuration: .init(cacheCapacity: 0))
        for (index, id) in try results.map({ try $0.get().id }).enumerated() {
            #expect(try uncached.devlog(id: id)?.devlog == devlogs[index])
        }
    }
}
