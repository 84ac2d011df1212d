import DevlogRender
import Foundation

extension DevlogProject {
    /// Renders many stored cycles (every one when `ids` is nil) on all cores, handing each result
    /// to `body` as it is ready (in no particular order), and returns how many were rendered.
    ///
    /// Rendering is CPU-bound and the store serves concurrent readers, so a backlog re-render
    /// scales with the cores instead of waiting on one.
    @discardableResult
    public func renderAll(_ ids: [Int64]? = nil, concurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
                          _ body: @escaping @Sendable (Generated) throws -> Void) async throws -> Int {
        let ids = try ids ?? store.cycles().map(\.id)
        let renderer = try renderer()
        // The same facts `generate` fills in, fetched in two queries instead of two per cycle.
        let facts = try store.allFacts()
        let published = try store.publishedKeys()
        let lanes = max(1, min(concurrency, ids.count))
        return try await withThrowingTaskGroup(of: Int.self) { group in
            for lane in 0..<lanes {
                group.addTask {
                    var done = 0
                    // Lane k takes every lanes-th cycle: equal shares, no shared counter.
                    for index in stride(from: lane, to: ids.count, by: lanes) {
                        let id = ids[index]
                        let recorded = facts[id] ?? [:]
                        // Only published cycles need the per-cycle publication lookup.
                        let filled = published.contains(String(id)) ? try self.withPublication(recorded, cycleID: id) : recorded
                        try body(try self.render(self.cycle(.id(id)), facts: filled, renderer: renderer))
                        done += 1
                    }
                    return done
                }
            }
            return try await group.reduce(0, +)
        }
    }
}
