public import DevlogMustache
public import DevlogModel

/// Builds the context a template renders: the section tree for the layout, and the typed
/// records (`agent`, `mission`, `cycle`, `tasks`, `metrics`, `issues`, `entries`) for templates
/// that write their own lines.
///
/// The full context is printed by `devlog export` for template authors.
///
/// Each key is computed when a template first asks for it, and kept: the default template only
/// walks `sections`, so a render does not pay for records it never shows.
public final class DevlogContext: ContextObject, @unchecked Sendable {
    // Unchecked: the memo is written only during the single render that owns this context.
    private let devlog: Devlog
    private var memo: [String: MustacheValue] = [:]

    /// The context for one devlog.
    public init(_ devlog: Devlog) { self.devlog = devlog }

    /// The context for one devlog, as a template value.
    public static func make(for devlog: Devlog) -> MustacheValue { .object(DevlogContext(devlog)) }

    /// The keys the root answers.
    public var keys: [String] { ["sections", "agent", "mission", "cycle", "tasks", "metrics", "issues", "entries"] }

    /// The value for a key, computed on first use.
    public func value(forKey key: String) -> MustacheValue? {
        if let known = memo[key] { return known }
        guard let value = compute(key) else { return nil }
        memo[key] = value
        return value
    }

    private func compute(_ key: String) -> MustacheValue? {
        switch key {
        case "sections": return .list(SectionContext.sections(of: BlockTable(devlog.blocks)).map { .object($0) })
        case "agent": return devlog.agent.map { agent in
                ["id": .line(agent.id), "specialty": .line(agent.specialty), "coordinates": .line(agent.coordinates)]
            } ?? .null
        case "mission": return devlog.mission.map { mission in
                [
                    "id": .line(mission.id), "objective": .line(mission.objective),
                    "status": status(mission.status), "state": state(mission.status),
                    "progress": mission.progress.map { .double($0) } ?? .null, "progressText": .line(mission.progressText),
                ]
            } ?? .null
        case "cycle":
            let cycle = devlog.cycle
            return [
                "number": cycle.number.map { .int($0) } ?? .null, "label": .line(cycle.label), "date": .line(cycle.date),
                "lastUpdated": .line(cycle.lastUpdated), "nextUpdate": .line(cycle.nextUpdate), "title": .line(cycle.title),
            ]
        case "tasks": return .list(devlog.tasks.map { task in
                [
                    "role": .string(task.role.rawValue), "number": task.number.map { .int($0) } ?? .null, "order": .int(task.order),
                    "title": .line(task.title), "status": status(task.status), "state": state(task.status),
                    "progress": task.progress.map { .double($0) } ?? .null,
                ]
            })
        case "metrics": return .list(devlog.metrics.map { metric in
                [
                    "group": .line(metric.group), "label": .line(metric.label), "value": .line(metric.value),
                    "number": metric.quantity.map { .double($0.number) } ?? .null,
                    "unit": metric.quantity.map { .line($0.unit) } ?? .null,
                ]
            })
        case "issues": return .list(devlog.issues.map { issue in
                [
                    "number": .int(issue.number), "issue": .line(issue.issue), "resolution": .line(issue.resolution),
                    "status": status(issue.status), "state": state(issue.status),
                ]
            })
        case "entries": return .list(devlog.entries.map { entry in
                [
                    "kind": .string(entry.kind.rawValue), "label": .line(entry.label), "value": .line(entry.value),
                    "status": status(entry.status), "state": state(entry.status),
                ]
            })
        default: return nil
        }
    }

    private func status(_ status: Status?) -> MustacheValue { status.map { .line($0.text) } ?? .null }
    private func state(_ status: Status?) -> MustacheValue { status.map { .string($0.state.rawValue) } ?? .null }
}
