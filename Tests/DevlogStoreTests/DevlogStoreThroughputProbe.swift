import DevlogModel
import DevlogStore
import Foundation
import Testing

/// Prints rough figures for the report; asserts only that the work was done (no timings).
@Suite("DevlogStore: throughput probe (printed, not asserted)")
struct DevlogStoreThroughputProbe {
    @Test("inserts, cached and uncached point reads")
    func probe() throws {
        let folder = try TemporaryDirectory()
        let store = try DevlogStore(path: folder.path("probe.sqlite"))
        let clock = ContinuousClock()
        let inserts = 200
        let devlogs = (1...inserts).map { StoreFixtures.devlog(cycle: $0) }
        var ids: [Int64] = []
        let insertTime = try clock.measure {
            for devlog in devlogs { ids.append(try store.save(devlog, source: "probe").id) }
        }
        #expect(Set(ids).count == inserts)

        let reads = 5_000
        for id in ids { _ = try store.devlog(id: id) }
        var found = 0
        let cachedTime = try clock.measure {
            for index in 0..<reads where try store.devlog(id: ids[index % inserts]) != nil { found += 1 }
        }
        let uncachedTime = try clock.measure {
            for index in 0..<reads where try store.readUncached(id: ids[index % inserts]) != nil { found += 1 }
        }
        #expect(found == 2 * reads)
        func perSecond(_ count: Int, _ duration: Duration) -> Int {
            Int(Double(count) / (Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18))
        }
        print("""
            store probe (\(StoreFixtures.devlog().blocks.count) blocks per devlog): \
            inserts/s \(perSecond(inserts, insertTime)), cached reads/s \(perSecond(reads, cachedTime)), \
            uncached reads/s \(perSecond(reads, uncachedTime))
            """)
    }
}
