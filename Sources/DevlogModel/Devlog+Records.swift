extension Devlog {
    /// The agent named in AGENT INFORMATION; `nil` without an `Agent ID`.
    public var agent: Agent? {
        let information = fields(in: .agentInformation)
        return Self.agent(information: { information[$0] })
    }

    /// The mission: its id from AGENT INFORMATION, the rest from the primary task.
    public var mission: Mission? {
        let (information, primary) = (fields(in: .agentInformation), fields(in: .missionObjectives))
        return Self.mission(information: { information[$0] }, primary: { primary[$0] })
    }

    /// The cycle: date from AGENT INFORMATION, number and update times from the footer, title
    /// from the header.
    public var cycle: Cycle {
        var footer: [String: String] = [:]
        // Indices, not `for block in blocks`: copying each block out retained all its strings.
        for index in blocks.indices where blocks[index].kind == .pairs {
            addPairs(at: index, to: &footer)
        }
        let information = fields(in: .agentInformation)
        return Self.cycle(information: { information[$0] }, footer: { footer[$0] }, titles: headerTitles)
    }

    /// ``agent``, ``mission`` and ``cycle`` at once, from one pass over the blocks instead of
    /// one per section each of them reads (a store save wants all three).
    public var agentMissionCycle: (agent: Agent?, mission: Mission?, cycle: Cycle) {
        var information = RecordFields(keys: ["agent id", "specialty", "coordinates", "mission id", "cycle date"])
        var primary = RecordFields(keys: ["objective", "status", "progress"])
        var footer = RecordFields(keys: ["cycle", "last updated", "next update"])
        var section: SectionKind?
        for index in blocks.indices {
            switch blocks[index].kind {
            case .section:
                section = SectionKind(title: blocks[index].value)
            case .pairs:
                for pair in blocks[index].pairs { footer.set(pair.label, pair.value, keepingFirst: false) }
            case .field, .metric:
                // The same fields `fields(in:)` reads, for the two sections these records use.
                guard blocks[index].indent.isEmpty else { continue }
                if section == .agentInformation {
                    information.set(blocks[index].label, blocks[index].value, keepingFirst: true)
                } else if section == .missionObjectives {
                    primary.set(blocks[index].label, blocks[index].value, keepingFirst: true)
                }
            default:
                break
            }
        }
        return (Self.agent(information: information.value), Self.mission(information: information.value, primary: primary.value),
                Self.cycle(information: information.value, footer: footer.value, titles: headerTitles))
    }

    // The records from their fields, each looked up by lowercased label.
    private static func agent(information: (String) -> String?) -> Agent? {
        guard let id = information("agent id"), !id.isEmpty else { return nil }
        return Agent(id: id, specialty: information("specialty") ?? "", coordinates: information("coordinates") ?? "")
    }

    private static func mission(information: (String) -> String?, primary: (String) -> String?) -> Mission? {
        guard let id = information("mission id"), !id.isEmpty else { return nil }
        let progressText = primary("progress") ?? ""
        return Mission(
            id: id,
            objective: primary("objective") ?? "",
            status: primary("status").flatMap(Status.init(parsing:)),
            progress: Quantity(parsing: progressText)?.number,
            progressText: progressText
        )
    }

    private static func cycle(information: (String) -> String?, footer: (String) -> String?, titles: [String]) -> Cycle {
        let label = footer("cycle") ?? ""
        return Cycle(
            number: Int(label),
            label: label,
            date: information("cycle date") ?? "",
            lastUpdated: footer("last updated") ?? "",
            nextUpdate: footer("next update") ?? "",
            title: titles.count > 1 ? titles[1] : titles.first ?? ""
        )
    }

    /// The first two titles of the header (the title and blank lines before the first other block).
    private var headerTitles: [String] {
        var titles: [String] = []
        for index in blocks.indices {
            let kind = blocks[index].kind
            guard kind == .title || kind == .blank else { break }
            if kind == .title, titles.count < 2 { titles.append(blocks[index].value) }
        }
        return titles
    }

    /// A footer line's pairs, keyed by lowercased label, values without code marks; a later one wins.
    private func addPairs(at index: Int, to footer: inout [String: String]) {
        for pair in blocks[index].pairs { footer[pair.label.lowercased()] = pair.value.unmarked }
    }

    /// A field keyed by lowercased label, value without code marks, unless the label came earlier.
    private func addField(at index: Int, to fields: inout [String: String]) {
        let key = blocks[index].label.lowercased()
        if fields[key] == nil { fields[key] = blocks[index].value.unmarked }
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
        var result: [Metric] = []
        var group = ""
        for block in blocks {
            switch block.kind {
            case .section: group = ""
            case .subsection: group = block.value
            case .metric: result.append(Metric(group: group, label: block.label, value: block.value, quantity: block.quantity))
            default: break
            }
        }
        return result
    }

    /// Issues met: each numbered line of ISSUES & RESOLUTIONS with the indented
    /// `Resolution` and `Status` lines under it.
    public var issues: [IssueRecord] {
        var result: [IssueRecord] = []
        var inside = false
        for block in blocks {
            if block.kind == .section { inside = SectionKind(title: block.value) == .issuesAndResolutions }
            guard inside else { continue }
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
        var result: [Entry] = []
        var section: SectionKind?
        var subsection: String?
        for block in blocks {
            switch block.kind {
            case .section: (section, subsection) = (SectionKind(title: block.value), nil)
            case .subsection: subsection = block.value
            default: break
            }
            guard let section, let kind = Entry.Kind(section: section, subsection: subsection, block: block.kind) else { continue }
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
            addField(at: index, to: &result)
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

/// The few fields the records read, gathered as `fields(in:)` and the footer's pairs would gather
/// them (label lowercased, value unmarked), without building a dictionary of every other field.
private struct RecordFields {
    /// Lowercase ASCII.
    private let keys: [String]
    private var found: [String?]

    init(keys: [String]) {
        self.keys = keys
        found = Array(repeating: nil, count: keys.count)
    }

    /// What was found for `key`, one of `keys`.
    func value(_ key: String) -> String? {
        keys.firstIndex(of: key).flatMap { found[$0] }
    }

    /// Records `value` (unmarked) under `label`'s key when it is one of `keys`; an earlier value
    /// stays when `keepingFirst`, else the later one wins.
    mutating func set(_ label: String, _ value: String, keepingFirst: Bool) {
        guard let index = index(of: label), !(keepingFirst && found[index] != nil) else { return }
        found[index] = value.unmarked
    }

    /// The index of the key `label.lowercased()` equals, found without lowercasing an ASCII label.
    private func index(of label: String) -> Int? {
        var label = label
        // Beyond ASCII, lowercasing can meet an ASCII key (the Kelvin sign becomes "k"): ask it.
        guard label.withUTF8({ $0.allSatisfy { $0 < 0x80 } }) else { return keys.firstIndex(of: label.lowercased()) }
        return label.withUTF8 { bytes in
            keys.firstIndex { key in
                var key = key
                return key.withUTF8 { key in
                    key.count == bytes.count && zip(key, bytes).allSatisfy { $0 == ($1 &- 0x41 < 26 ? $1 | 0x20 : $1) }
                }
            }
        }
    }
}
