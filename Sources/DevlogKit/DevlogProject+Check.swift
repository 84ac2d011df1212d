import DevlogModel
import DevlogRender

extension DevlogProject {
    /// Checks a stored cycle: missing frame sections, contradictions between the mission, its
    /// tasks and its progress figures, and (with `templates`) template keys the context lacks.
    public func check(_ selection: CycleSelection, templates: Bool = false) throws -> [CheckFinding] {
        let devlog = try cycle(selection).devlog
        var findings = Self.findings(in: devlog)
        if templates {
            for miss in try renderer().misses(rendering: devlog) {
                findings.append(CheckFinding(severity: .warning, rule: "unknown-template-key",
                                             message: "\(miss); the context has no such key, so it renders as nothing (`devlog export` lists the keys)"))
            }
        }
        return findings
    }

    /// The record checks, on a devlog alone.
    static func findings(in devlog: Devlog) -> [CheckFinding] {
        var findings: [CheckFinding] = []
        let present = Set(devlog.blocks.filter { $0.kind == .section }.map { SectionKind(title: $0.value) })
        for kind in SectionKind.frame where !present.contains(kind) {
            findings.append(CheckFinding(severity: .warning, rule: "missing-section",
                                         message: "section \(kind.title) is missing; add it or leave it out on purpose"))
        }
        let tasks = devlog.tasks.filter { $0.role == .secondary }
        let open = tasks.filter { !($0.status?.state.isFinal ?? false) }
        for task in tasks where task.status == nil {
            findings.append(CheckFinding(severity: .warning, rule: "task-without-status",
                                         message: "Task \(task.number ?? 0) (\(task.title)) has no status; end its line with ` - Completed`, ` - In Progress`…"))
        }
        if let mission = devlog.mission {
            let state = mission.status?.state
            if state == .completed, !open.isEmpty {
                findings.append(CheckFinding(severity: .error, rule: "completed-with-open-tasks",
                                             message: "mission \(mission.id) is completed but \(open.count) task(s) are not: \(open.map { "Task \($0.number ?? 0)" }.joined(separator: ", "))"))
            }
            if let progress = mission.progress {
                if state == .completed, progress < 100 {
                    findings.append(CheckFinding(severity: .error, rule: "progress-mismatch",
                                                 message: "mission \(mission.id) is completed but its progress says \(mission.progressText)"))
                }
                if progress >= 100, let state, state != .completed {
                    findings.append(CheckFinding(severity: .error, rule: "progress-mismatch",
                                                 message: "progress is \(mission.progressText) but the mission status is \(mission.status?.text ?? "")"))
                }
                if !tasks.isEmpty, progress >= 100, !open.isEmpty {
                    findings.append(CheckFinding(severity: .error, rule: "progress-mismatch",
                                                 message: "progress is \(mission.progressText) but \(open.count) of \(tasks.count) tasks are not finished"))
                }
            }
        }
        let done = tasks.count - open.count
        for metric in devlog.metrics where metric.label.lowercased() == "tasks completed" {
            guard let quantity = metric.quantity, quantity.unit.hasPrefix("/"), !tasks.isEmpty else { continue }
            let written = "\(Int(quantity.number))\(quantity.unit)"
            if Int(quantity.number) != done || quantity.unit != "/\(tasks.count)" {
                findings.append(CheckFinding(severity: .error, rule: "progress-mismatch",
                                             message: "Tasks Completed says \(written) but the task list has \(done)/\(tasks.count)"))
            }
        }
        return findings
    }
}
