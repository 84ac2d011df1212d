import DevlogModel
import DevlogPublish
import DevlogTrends

extension DevlogSummary {
    /// The most metrics the embed shows: a summary, not the whole table.
    static let keyMetricCount = 6

    /// The embed facts of a devlog: agent, mission, status, progress, the first metrics (each
    /// with its change since `previous`, the agent's cycle before, when both hold a number) and
    /// the plans of NEXT CYCLE PLANNING.
    init(_ devlog: Devlog, previous: Devlog? = nil) {
        let records = devlog.agentMissionCycle
        let agent = records.agent?.id ?? "unknown agent"
        let mission = records.mission
        let cycle = records.cycle
        let title = cycle.title.isEmpty ? "DEVLOG — \(agent) — \(cycle.date)" : cycle.title
        let progress = mission.flatMap { $0.progressText.isEmpty ? $0.progress.map { "\(Int($0))%" } : $0.progressText }
        self.init(
            title: title,
            agent: agent,
            mission: [mission?.id, mission?.objective].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": "),
            status: mission?.status?.text ?? "Unknown",
            progress: progress,
            metrics: devlog.metrics.prefix(Self.keyMetricCount).map { metric in
                let before = previous?.metrics.first { $0.label == metric.label }
                return Metric(label: metric.label, value: metric.value, change: before.flatMap { Self.change(from: $0, to: metric, in: previous) })
            },
            nextSteps: devlog.entries(.plan).map { $0.label.isEmpty ? $0.value : "\($0.label): \($0.value)" })
    }

    /// `▲ +6% since cycle 2`, as `devlog trends` words a change; `nil` unless both values hold a number.
    private static func change(from before: DevlogModel.Metric, to metric: DevlogModel.Metric, in previous: Devlog?) -> String? {
        let trend = MetricTrend(name: metric.label, group: metric.group,
                                points: [TrendPoint(cycle: 0, value: before.value), TrendPoint(cycle: 1, value: metric.value)])
        guard trend.change != nil else { return nil }
        let label = previous?.agentMissionCycle.cycle.label ?? ""
        return trend.changeText + (label.isEmpty ? "" : " since cycle \(label)")
    }

    /// One line for file mode: title, agent, mission, status and progress.
    var line: String {
        var text = "**\(title)** — \(agent)"
        if !mission.isEmpty { text += " · \(mission)" }
        text += " · \(status)"
        if let progress { text += " · \(progress)" }
        return text + "\nThe full devlog is attached."
    }
}
