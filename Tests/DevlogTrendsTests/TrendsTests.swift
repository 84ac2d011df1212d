import DevlogModel
import DevlogTrends
import Testing

@Suite struct TrendsTests {
    private let cycles = (1...4).map { TrendCycle(id: Int64($0), label: "\($0)", date: "2026-11-0\($0)", agent: $0 == 3 ? "Agent-5" : "Agent-7",
                                                  mission: "cache") }

    private func trends() -> Trends {
        Trends(cycles: cycles, values: [
            MetricValue(cycleID: 1, group: "Quality", label: "Coverage", value: "80%"),
            MetricValue(cycleID: 1, group: "Quality", label: "Notes", value: "none"),
            MetricValue(cycleID: 2, group: "Quality", label: "Coverage", value: "85%"),
            MetricValue(cycleID: 2, group: "Other", label: "Coverage", value: "99%"),
            MetricValue(cycleID: 3, group: "Quality", label: "Coverage", value: "70%"),
            MetricValue(cycleID: 4, group: "Quality", label: "Coverage", value: "91% (after the fix)"),
            MetricValue(cycleID: 9, group: "Quality", label: "Coverage", value: "1%"),
        ], tasks: [1: TaskTally(completed: 1, total: 4), 2: TaskTally(completed: 2, total: 4), 4: TaskTally(completed: 4, total: 4), 3: TaskTally(completed: 0, total: 0)])
    }

    @Test func seriesFollowCycleOrderWithTheTasksFirst() throws {
        let trends = trends()
        #expect(trends.metrics.map(\.name) == [Trends.taskSeriesName, "Coverage", "Notes"])
        let coverage = trends.metrics[1]
        // The second Coverage of cycle 2 and the value of a cycle not listed are not points.
        #expect(coverage.points.map(\.value) == ["80%", "85%", "70%", "91% (after the fix)"])
        #expect(coverage.points.last?.note == "after the fix")
        #expect(coverage.change == 21)
        #expect(coverage.changeText == "▲ +21%")
        let tasks = trends.metrics[0]
        #expect(tasks.points.map(\.value) == ["1/4", "2/4", "4/4"])
        #expect(tasks.points.map(\.quantity?.total) == [4, 4, 4])
        #expect(tasks.changeText == "▲ +2")
        #expect(trends.metrics[2].sparkline(width: 24) == "" && trends.metrics[2].changeText == "")
    }

    @Test func sparklineSpansTheLeastToTheMost() {
        let metric = trends().metrics[1]
        #expect(metric.sparkline(width: 24) == "▄▆▁█")
        #expect(metric.sparkline(width: 2) == "▁█")
        let flat = MetricTrend(name: "x", group: "", points: [TrendPoint(cycle: 0, value: "3"), TrendPoint(cycle: 1, value: "3")])
        #expect(flat.sparkline(width: 24) == "▄▄" && flat.changeText == "= 0")
    }

    @Test func groupedCutsEachSeriesToItsCycles() throws {
        let groups = trends().grouped(by: \.agent)
        let agent5 = try #require(groups["Agent-5"])
        #expect(agent5.cycles.map(\.id) == [3])
        #expect(agent5.metrics.map(\.name) == ["Coverage"])
        #expect(agent5.metrics[0].points.map(\.cycle) == [0])
        let agent7 = try #require(groups["Agent-7"])
        #expect(agent7.metrics.first { $0.name == "Coverage" }?.points.map(\.cycle) == [0, 1, 2])
    }

    @Test func csvQuotesWhatNeedsIt() {
        var lines: [String] = []
        Trends(cycles: [cycles[0]], values: [MetricValue(cycleID: 1, group: "g", label: "Speed, \"p95\"", value: "1.2 s")], tasks: [:]).csv { lines.append($0) }
        #expect(lines == [Trends.csvHeader, "\"Speed, \"\"p95\"\"\",g,1,1,2026-11-01,Agent-7,cache,1.2 s,1.2,s,,"])
    }

    @Test(arguments: [(3.0, "3"), (1.25, "1.25"), (0.5, "0.5"), (-2.333, "-2.33"), (1e20, "100000000000000000000")])
    func numbersPrintTheSameEverywhere(_ number: Double, _ text: String) {
        #expect(TrendNumber.text(number) == text)
    }
}
