import DevlogModel
import DevlogStore
import Foundation
import Testing

@Suite struct DevlogStoreBatchTests {
    @Test func aBatchSavesEachDevlogLikeSaveDoes() throws {
        let folder = try TemporaryDirectory()
        let store = try DevlogStore(path: folder.path("devlog.sqlite"))
        let first = StoreFixtures.devlog(cycle: 1)
        let existing = try store.save(first, source: "one.md")
        var changed = StoreFixtures.devlog(cycle: 2)
        let original = try store.save(changed, source: "two.md")
        changed.updateTask(1, status: Status(.failed))

        let results = store.save(batch: [
            (first, "one.md"), (StoreFixtures.devlog(cycle: 3), "three.md"), (changed, "two.md"), (StoreFixtures.devlog(cycle: 4), "four.md"),
        ])
        let outcomes = try results.map { try $0.get() }
        #expect(outcomes.map(\.change) == [.unchanged, .inserted, .updated, .inserted])
        #expect(outcomes[0].id == existing.id && outcomes[2].id == original.id)
        #expect(try store.cycles().map(\.label) == ["1", "2", "3", "4"])
        #expect(try store.readUncached(id: original.id)?.devlog == changed)
        #expect(try store.devlog(id: outcomes[3].id)?.devlog == StoreFixtures.devlog(cycle: 4))
    }

    @Test func theSameCycleTwiceInABatchEndsAsTwoSavesWould() throws {
        let folder = try TemporaryDirectory()
        let store = try DevlogStore(path: folder.path("devlog.sqlite"))
        // The second replaces the first inside the same transaction, as a second save would.
        var second = StoreFixtures.devlog(cycle: 5)
        second.setMetric("Test Coverage", "99%", group: "Quality Metrics")
        let results = store.save(batch: [(StoreFixtures.devlog(cycle: 5), "a.md"), (second, "b.md")])
        #expect(try results.map { try $0.get().change } == [.inserted, .updated])
        #expect(try store.cycles().count == 1)
        #expect(try store.latest()?.devlog == second)
    }
}

@Suite struct PreparedDevlogTests {
    @Test func preparedDevlogsSaveAsTheDevlogsWould() throws {
        let folder = try TemporaryDirectory()
        let store = try DevlogStore(path: folder.path("devlog.sqlite"))
        let devlogs = [StoreFixtures.devlog(cycle: 1), StoreFixtures.devlog(cycle: 2), StoreFixtures.devlog(cycle: 1)]
        let results = store.save(prepared: devlogs.map { (PreparedDevlog($0), "batch.md") })
        #expect(try results.map { try $0.get().change } == [.inserted, .inserted, .unchanged])
        #expect(try store.cycles().map(\.label) == ["1", "2"])
        #expect(try store.readUncached(id: results[1].get().id)?.devlog == devlogs[1])
        #expect(PreparedDevlog(devlogs[0]).devlog == devlogs[0])
    }
}
