import DevlogModel
@testable import DevlogStore
import Foundation
import Testing

@Suite("DevlogStore: the read cache is never stale")
struct DevlogStoreCacheTests {
    @Test("a second read is a hit; a write in this process is seen by the next read")
    func inProcess() throws {
        let folder = try TemporaryDirectory()
        let store = try DevlogStore(path: folder.path("cache.sqlite"))
        let id = try store.save(StoreFixtures.devlog(), source: "a.md").id

        _ = try store.devlog(id: id)
        let afterFirst = store.cacheStatistics
        let second = try #require(try store.devlog(id: id))
        let afterSecond = store.cacheStatistics
        #expect(afterSecond.hits == afterFirst.hits + 1)
        #expect(afterSecond.misses == afterFirst.misses)
        #expect(second.revision == 1)

        try store.update(id: id) { $0.setMetric("Test Coverage", "99%", group: "Quality Metrics") }
        #expect(store.cacheStatistics.invalidations == afterSecond.invalidations + 1)
        let third = try #require(try store.devlog(id: id))
        #expect(third.revision == 2)
        #expect(third.devlog.metrics.first?.value == "99%")

        // Saving new content through `save` is seen too.
        try store.save(StoreFixtures.devlog(coverage: "12%"), source: "a.md")
        #expect(try store.devlog(id: id)?.devlog.metrics.first?.value == "12%")
        #expect(try store.latest()?.devlog.metrics.first?.value == "12%")
    }

    @Test("a write from another process is seen by this process's next read")
    func otherProcess() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("shared.sqlite")
        let store = try DevlogStore(path: path)
        let id = try store.save(StoreFixtures.devlog(), source: "a.md").id
        let before = try #require(try store.devlog(id: id))
        _ = try store.devlog(id: id)
        #expect(store.cacheStatistics.hits >= 1)
        #expect(try store.latest(agent: "Agent-7")?.id == id)

        let child = try StoreFixtures.launch(["add-task", path, String(id), "Written elsewhere"])
        let (status, errors) = child.finish()
        #expect(status == 0, "\(errors)")

        let after = try #require(try store.devlog(id: id))
        #expect(after.revision == before.revision + 1)
        #expect(after.devlog.tasks.last?.title == "Written elsewhere")
        #expect(try store.latest(agent: "Agent-7")?.devlog.tasks.last?.title == "Written elsewhere")
        #expect(store.cacheStatistics.invalidations >= 1)

        // An unchanged file after that is served from memory again.
        let hits = store.cacheStatistics.hits
        _ = try store.devlog(id: id)
        #expect(store.cacheStatistics.hits == hits + 1)
    }

    @Test("a cycle changed elsewhere is reloaded; an untouched one is confirmed, not reloaded")
    func confirmsUntouched() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("two.sqlite")
        let store = try DevlogStore(path: path)
        let one = try store.save(StoreFixtures.devlog(cycle: 1), source: "1.md").id
        let two = try store.save(StoreFixtures.devlog(cycle: 2), source: "2.md").id
        _ = try store.devlog(id: one)
        _ = try store.devlog(id: two)

        let writer = try DevlogStore(path: path)
        try writer.update(id: two) { $0.addTask("Only two", status: nil) }

        let before = store.cacheStatistics
        #expect(try store.devlog(id: one)?.revision == 1)
        #expect(try store.devlog(id: two)?.devlog.tasks.last?.title == "Only two")
        let after = store.cacheStatistics
        #expect(after.revalidations == before.revalidations + 1)
        #expect(after.invalidations == before.invalidations + 1)
        #expect(after.misses == before.misses + 1)
    }

    @Test("the least recently used devlog leaves a full cache; capacity 0 reads SQLite every time")
    func capacity() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("lru.sqlite")
        let store = try DevlogStore(path: path, configuration: .init(cacheCapacity: 2))
        let ids = try (1...3).map { try store.save(StoreFixtures.devlog(cycle: $0), source: "\($0).md").id }
        for id in ids { _ = try store.devlog(id: id) }
        let before = store.cacheStatistics
        _ = try store.devlog(id: ids[2])
        _ = try store.devlog(id: ids[1])
        _ = try store.devlog(id: ids[0])
        let after = store.cacheStatistics
        #expect(after.hits == before.hits + 2)
        #expect(after.misses == before.misses + 1)

        let uncached = try DevlogStore(path: path, configuration: .init(cacheCapacity: 0))
        _ = try uncached.devlog(id: ids[0])
        _ = try uncached.devlog(id: ids[0])
        #expect(uncached.cacheStatistics == CacheStatistics())
        #expect(try uncached.devlog(id: ids[0])?.devlog == StoreFixtures.devlog(cycle: 1))
    }
}
