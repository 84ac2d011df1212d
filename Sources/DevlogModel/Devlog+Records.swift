extension Devlog {
    /// The agent named in AGENT INFORMATION; `nil` without an `Agent ID`.
    public var agent: Agent? {
        let fields = fields(in: .agentInformation)
        guard let id = fields["agent id"], !id.isEmpty else { return nil }
        return Agent(id: id, specialty: fields["specialty"] ?? "", coordinates: fields["coordinates"] ?? "")
    }

    /// The mission: its id from AGENT INFORMATION, the rest from the primary task.
    public var mission: Mission? {
        guard let id = fields(in: .agentInformation)["mission id"], !id.isEmpty else { return nil }
        let primary = fields(in: .missionObjectives)
        let progressText = primary["progress"] ?? ""
        return Mission(
            id: id,
            objective: primary["objective"] ?? "",
            status: primary["status"].flatMap(Status.init(parsing:)),
            progress: Quantity(parsing: progressText)?.number,
            progressText: progressText
        )
    }

    /// The cycle: date from AGENT INFORMATION, number and update times from the footer, title
    /// from the header.
    public var cycle: Cycle {
        var footer: [String: String] = [:]
        // Indices, not `for block in blocks`: copying each block out retained all its strings.
        for index in blocks.indices where blocks[index].kind == .pairs {
            for pair in blocks[index].pairs { footer[pair.label.lowercased()] = pair.value.unmarked }
        }
        let label = footer["cycle"] ?? ""
        var titles: [String] = []
        for index in blocks.indices {
            let kind = blocks[index].kind
            guard kind == .title || kind == .blank else { break }
            if kind == .title, titles.count < 2 { titles.append(blocks[index].value) }
        }
        return Cycle(
            number: Int(label),
            label: label,
            date: fields(in: .agentInformation)["cycle date"] ?? "",
            lastUpdated: footer["last updated"] ?? "",
            nextUpdate: footer["next update"] ?? "",
            title: titles.count > 1 ? titles[1] : titles.first ?? ""
        )
    }

    /// The primary task (from the mission) then the secondary tasks in document order.
    public var tasks: [TaskRecord] {
        var result: [TaskRecord] = []
        if let mission, !mission.objective.isEmpty {
            result.append(TaskRecord(role: .primary, number: nil, order: 0, title: mission.objective,
                                     status: mission.status, progress: mission.progress))
        }
        for block in blocks where block.kind == .task {
            result.append(TaskRecord(role: .secondary, number: block.number, order: result.count,
                                     title: block.value.unmarked, status: block.status))
        }
        return result
    }

    /// Every metric line, grouped by the subsection it is listed under.
    public var metrics: [Metric] {
        let locations = locations
        return blocks.indices.compactMap { index in
            let block = blocks[index]
            guard block.kind == .metric else { return nil }
            return Metric(group: subsectionTitle(at: locations[index]) ?? "", label: block.label,
                          value: block.value, quantity: block.quantity)
        }
    }

    /// Issues met: each numbered line of ISSUES & RESOLUTIONS with the indented
    /// `Resolution` and `Status` lines under it.
    public var issues: [IssueRecord] {
        let locations = locations
        var result: [IssueRecord] = []
        for (index, block) in blocks.enumerated() where sectionKind(at: locations[index]) == .issuesAndResolutions {
            if block.kind == .numbered {
                result.append(IssueRecord(number: block.number ?? result.count + 1, issue: block.value))
            } else if block.kind == .field, !block.indent.isEmpty, !result.isEmpty {
                switch block.label.lowercased() {
                case "resolution": result[result.count - 1].resolution = block.value
                case "status": result[result.count - 1].status = block.status ?? Status(.unknown, text: block.value)
                default: break
                }
            }
        }
        return result
    }

    /// The labelled lines of the frame's other sections, each with the record kind its
    /// section and subsection give it.
    public var entries: [Entry] {
        let locations = locations
        var result: [Entry] = []
        for (index, block) in blocks.enumerated() {
            guard let section = sectionKind(at: locations[index]),
                  let kind = Entry.Kind(section: section, subsection: subsectionTitle(at: locations[index]), block: block.kind)
            else { continue }
            result.append(Entry(kind: kind, label: block.label, value: block.value, status: block.status))
        }
        return result
    }

    /// The entries of one kind.
    public func entries(_ kind: Entry.Kind) -> [Entry] { entries.filter { $0.kind == kind } }

    /// The unindented `- **Label:** value` fields of a frame section, keyed by lowercased label,
    /// values without code marks; the first of a repeated label wins.
    public func fields(in section: SectionKind) -> [String: String] {
        var result: [String: String] = [:]
        var inside = false
        // Indices, not `for block in blocks`: copying each block out retained all its strings.
        for index in blocks.indices {
            let kind = blocks[index].kind
            if kind == .section { inside = SectionKind(title: blocks[index].value) == section; continue }
            guard inside, kind == .field || kind == .metric, blocks[index].indent.isEmpty else { continue }
            let key = blocks[index].label.lowercased()
            if result[key] == nil { result[key] = blocks[index].value.unmarked }
        }
        return result
    }
}

extension Entry.Kind {
    /// The record a block is, from where it sits; `nil` for blocks that are no entry.
    init?(section: SectionKind, subsection: String?, block: Block.Kind) {
        guard [.field, .item, .numbered, .check].contains(block) else { return nil }
        let sub = SectionKind.key(subsection ?? "")
        switch section {
        case .actionsTaken:
            guard sub.contains("FILE") else { return nil }
            self = sub.contains("NEW") || (sub.contains("CREATED") && !sub.contains("MODIFIED")) ? .fileCreated : .fileModified
        case .coordinationActivities:
            if sub.contains("SENT") { self = .messageSent } else if sub.contains("RECEIVED") { self = .messageReceived } else if sub.contains("INBOX") { self = .inbox } else { return nil }
        case .deploymentStatus:
            self = sub.contains("INTEGRATION") ? .integration : .deployment
        case .issuesAndResolutions:
            guard sub.contains("BLOCKER") else { return nil }
            self = .blocker
        case .nextCyclePlanning:
            if sub.contains("DEPENDENC") { self = .dependency } else if sub.contains("COORDINATION") { self = .coordinationNeed } else { self = .plan }
        case .commitInformation:
            self = sub.contains("BRANCH") ? .branch : .commit
        case .missionCompletionStatus:
            self = block == .check ? .objective : .criterion
        case .relatedDocumentation: self = .document
        case .discordIntegration: self = .discord
        case .agentInformation, .missionObjectives, .progressMetrics, .performanceAnalysis, .custom: return nil
        }
    }
}
