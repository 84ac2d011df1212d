import DevlogModel
import DevlogStore
import DevlogTestSupport
import Testing

@Suite struct DevlogStoreTrendsTests {
    @Test func metricValuesAndTaskTalliesFollowCycleOrderAndFilters() throws {
        let folder = try TemporaryDirectory()
        let store = try DevlogStore(path: folder.path("trends.sqlite"))
        // Saved out of date order: values come back oldest cycle first.
        let late = try store.save(StoreFixtures.devlog(cycle: 2, date: "2025-09-13", coverage: "90%"), source: "2.md").id
        let early = try store.save(StoreFixtures.devlog(cycle: 1, date: "2025-09-11", coverage: "70%"), source: "1.md").id
        var other = StoreFixtures.devlog(agent: "Agent-8", mission: "other_mission", cycle: 1, coverage: "10%")
        other.addTask("Ship it", status: Status(.completed))
        let third = try store.save(other, source: "o.md").id

        let values = try store.metricValues(agent: "Agent-7")
        #expect(values.map(\.cycleID) == [early, early, late, late])
        #expect(values.filter { $0.label == "Test Coverage" }.map(\.value) == ["70%", "90%"])
        #expect(values.first?.group == "Quality Metrics")
        #expect(try store.metricValues(mission: "other_mission").map(\.cycleID) == [third, third])
        #expect(try store.metricValues(agent: "Agent-7", mission: "other_mission").isEmpty)

        let tallies = try store.taskTallies()
        // Two tasks each, one completed; the mission's own status is no task.
        #expect(tallies[early] == TaskTally(completed: 1, total: 2))
        #expect(tallies[third] == TaskTally(completed: 2, total: 3))
        #expect(try store.taskTallies(agent: "Agent-8").keys.sorted() == [third])
    }
}
