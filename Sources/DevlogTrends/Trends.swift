public import DevlogModel

/// Each metric's values over a run of cycles, in cycle order: what `devlog trends` prints and the
/// site charts.
///
/// Built from plain rows (cycles, metric values as written, task tallies), so it needs no store;
/// a metric is followed by its label, the same label in two cycles being the same metric.
public struct Trends: Sendable, Hashable {
    /// The name of the series of completed tasks per cycle, beside the written metrics.
    public static let taskSeriesName = "Task completion"

    /// The cycles, oldest first.
    public var cycles: [TrendCycle]
    /// One series per metric label, in order of first appearance; the task series first.
    public var metrics: [MetricTrend]

    /// Trends of `cycles` (oldest first) from their metric values and task tallies; values of
    /// cycles not listed are ignored, and a label written twice in one cycle counts once (the first).
    public init(cycles: [TrendCycle], values: [MetricValue], tasks: [Int64: TaskTally]) {
        self.cycles = cycles
        var position: [Int64: Int] = [:]
        for (index, cycle) in cycles.enumerated() { position[cycle.id] = index }
        var series: [MetricTrend] = []
        var taskPoints: [TrendPoint] = []
        for (index, cycle) in cycles.enumerated() {
            guard let tally = tasks[cycle.id], tally.total > 0 else { continue }
            taskPoints.append(TrendPoint(cycle: index, value: "\(tally.completed)/\(tally.total)"))
        }
        if !taskPoints.isEmpty { series.append(MetricTrend(name: Self.taskSeriesName, group: "", points: taskPoints)) }
        var seriesIndex: [String: Int] = [:]
        var lastCycle: [String: Int] = [:]
        for value in values {
            guard let cycle = position[value.cycleID], lastCycle[value.label] != cycle else { continue }
            lastCycle[value.label] = cycle
            let point = TrendPoint(cycle: cycle, value: value.value)
            if let index = seriesIndex[value.label] {
                series[index].points.append(point)
            } else {
                seriesIndex[value.label] = series.count
                series.append(MetricTrend(name: value.label, group: value.group, points: [point]))
            }
        }
        metrics = series
    }

    /// The trends of each group of cycles `key` names (cycles it gives `nil` are in none), each
    /// series cut to its points in the group; series left without a point are dropped. One pass
    /// over the points, however many groups.
    public func grouped(by key: (TrendCycle) -> String?) -> [String: Trends] {
        var groups: [String: Trends] = [:]
        var place: [(group: String, index: Int)?] = []
        place.reserveCapacity(cycles.count)
        for cycle in cycles {
            guard let name = key(cycle) else { place.append(nil); continue }
            place.append((name, groups[name, default: Trends(cycles: [], metrics: [])].cycles.count))
            groups[name, default: Trends(cycles: [], metrics: [])].cycles.append(cycle)
        }
        for metric in metrics {
            var cut: [String: [TrendPoint]] = [:]
            for point in metric.points {
                guard let (name, index) = place[point.cycle] else { continue }
                var moved = point
                moved.cycle = index
                cut[name, default: []].append(moved)
            }
            for (name, points) in cut {
                groups[name]?.metrics.append(MetricTrend(name: metric.name, group: metric.group, points: points))
            }
        }
        return groups
    }

    /// Only the series named in `names` (by label, ignoring case), in the order they appear.
    public func only(metrics names: [String]) -> Trends {
        let wanted = Set(names.map { $0.lowercased() })
        return Trends(cycles: cycles, metrics: metrics.filter { wanted.contains($0.name.lowercased()) })
    }

    /// Trends from their parts.
    public init(cycles: [TrendCycle], metrics: [MetricTrend]) {
        self.cycles = cycles
        self.metrics = metrics
    }
}

/// A cycle on a trend's axis.
public struct TrendCycle: Sendable, Hashable, Codable {
    /// The cycle's id in the store.
    public var id: Int64
    /// The cycle as written (`3`).
    public var label: String
    /// The cycle date as written.
    public var date: String
    /// The agent, when the devlog names one.
    public var agent: String?
    /// The mission, when the devlog names one.
    public var mission: String?

    /// A cycle.
    public init(id: Int64, label: String, date: String, agent: String?, mission: String?) {
        self.id = id
        self.label = label
        self.date = date
        self.agent = agent
        self.mission = mission
    }
}

/// One metric's values over the cycles that wrote it.
public struct MetricTrend: Sendable, Hashable {
    /// The label (`Test Coverage`), or ``Trends/taskSeriesName``.
    public var name: String
    /// The subsection of its first value (empty for the task series).
    public var group: String
    /// Its values, oldest cycle first.
    public var points: [TrendPoint]

    /// A series.
    public init(name: String, group: String, points: [TrendPoint]) {
        self.name = name
        self.group = group
        self.points = points
    }

    /// The points that hold a number, with it.
    public var numeric: [(point: TrendPoint, quantity: Quantity)] {
        points.compactMap { point in point.quantity.map { (point, $0) } }
    }

    /// The unit of the last number (`%`, `/4`, `s`), empty when there is none.
    public var unit: String { lastNumbers(1).last?.unit ?? "" }

    /// The last number minus the one before it; `nil` with fewer than two numbers.
    public var change: Double? {
        let numbers = lastNumbers(2)
        return numbers.count == 2 ? numbers[1].number - numbers[0].number : nil
    }

    /// The last `count` quantities, oldest first, reading values from the end only as far as needed.
    private func lastNumbers(_ count: Int) -> [Quantity] {
        var found: [Quantity] = []
        for point in points.reversed() where found.count < count {
            if let quantity = point.quantity { found.append(quantity) }
        }
        return found.reversed()
    }
}

/// One value of a series.
///
/// Only the text is kept; its number and note are read when asked for, so a history of 100,000
/// values costs its text and little more.
public struct TrendPoint: Sendable, Hashable {
    /// The cycle's index in ``Trends/cycles``.
    public var cycle: Int
    /// The value as written.
    public var value: String

    /// A point.
    public init(cycle: Int, value: String) {
        self.cycle = cycle
        self.value = value
    }

    /// The number and unit read from the value, `nil` when it holds none.
    public var quantity: Quantity? { Quantity(parsing: value) }

    /// What the value says besides its number (`was 37 per 1,000 updates`).
    public var note: String? { Quantity.note(in: value) }
}
