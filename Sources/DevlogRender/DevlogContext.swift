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
                ["id": .string(agent.id), "specialty": .string(agent.specialty), "coordinates": .string(agent.coordinates)]
            } ?? .null
        case "mission": return devlog.mission.map { mission in
                [
                    "id": .string(mission.id), "objective": .string(mission.objective),
                    "status": status(mission.status), "state": state(mission.status),
                    "progress": mission.progress.map { .double($0) } ?? .null, "progressText": .string(mission.progressText),
                ]
            } ?? .null
        case "cycle":
            let cycle = devlog.cycle
            return [
                "number": cycle.number.map { .int($0) } ?? .null, "label": .string(cycle.label), "date": .string(cycle.date),
                "lastUpdated": .string(cycle.lastUpdated), "nextUpdate": .string(cycle.nextUpdate), "title": .string(cycle.title),
            ]
        case "tasks": return .list(devlog.tasks.map { task in
                [
                    "role": .string(task.role.rawValue), "number": task.number.map { .int($0) } ?? .null, "order": .int(task.order),
                    "title": .string(task.title), "status": status(task.status), "state": state(task.status),
                    "progress": task.progress.map { .double($0) } ?? .null,
                ]
            })
        case "metrics": return .list(devlog.metrics.map { metric in
                [
                    "group": .string(metric.group), "label": .string(metric.label), "value": .string(metric.value),
                    "number": metric.quantity.map { .double($0.number) } ?? .null,
                    "unit": metric.quantity.map { .string($0.unit) } ?? .null,
                ]
            })
        case "issues": return .list(devlog.issues.map { issue in
                [
                    "number": .int(issue.number), "issue": .string(issue.issue), "resolution": .string(issue.resolution),
                    "status": status(issue.status), "state": state(issue.status),
                ]
            })
        case "entries": return .list(devlog.entries.map { entry in
                [
                    "kind": .string(entry.kind.rawValue), "label": .string(entry.label), "value": .string(entry.value),
                    "status": status(entry.status), "state": state(entry.status),
                ]
            })
        default: return nil
        }
    }

    private func status(_ status: Status?) -> MustacheValue { status.map { .string($0.text) } ?? .null }
    private func state(_ status: Status?) -> MustacheValue { status.map { .string($0.state.rawValue) } ?? .null }
}
