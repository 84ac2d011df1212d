public import DevlogTrends
import DevlogStore

extension DevlogProject {
    /// Each metric's values over the stored cycles, of one agent and/or mission when named, and
    /// the tasks completed per cycle.
    public func trends(agent: String? = nil, mission: String? = nil) throws -> Trends {
        let cycles = try store.cycles(agent: agent, mission: mission).map {
            TrendCycle(id: $0.id, label: $0.label, date: $0.date, agent: $0.agent, mission: $0.mission)
        }
        return Trends(cycles: cycles, values: try store.metricValues(agent: agent, mission: mission),
                      tasks: try store.taskTallies(agent: agent, mission: mission))
    }
}

extension DevlogProject {
    /// The cycle of the same agent just before `stored` in cycle order, `nil` for its first or
    /// a devlog that names no agent.
    func previousCycle(of stored: StoredDevlog) throws -> StoredDevlog? {
        guard let agent = stored.devlog.agent?.id else { return nil }
        let cycles = try store.cycles(agent: agent)
        guard let index = cycles.firstIndex(where: { $0.id == stored.id }), index > 0 else { return nil }
        return try store.devlog(id: cycles[index - 1].id)
    }
}
