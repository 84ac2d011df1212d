import DevlogModel
import DevlogPublish

extension DevlogSummary {
    /// The most metrics the embed shows: a summary, not the whole table.
    static let keyMetricCount = 6

    /// The embed facts of a devlog: agent, mission, status, progress, the first metrics and the
    /// plans of NEXT CYCLE PLANNING.
    init(_ devlog: Devlog) {
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
            metrics: devlog.metrics.prefix(Self.keyMetricCount).map { Metric(label: $0.label, value: $0.value) },
            nextSteps: devlog.entries(.plan).map { $0.label.isEmpty ? $0.value : "\($0.label): \($0.value)" })
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
