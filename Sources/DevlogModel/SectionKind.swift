/// The thirteen sections of the DEVLOG v3.1 frame, in order, and custom ones.
public enum SectionKind: String, Sendable, Hashable, Codable, CaseIterable {
    case agentInformation = "agent-information"
    case missionObjectives = "mission-objectives"
    case actionsTaken = "actions-taken"
    case progressMetrics = "progress-metrics"
    case coordinationActivities = "coordination-activities"
    case deploymentStatus = "deployment-status"
    case issuesAndResolutions = "issues-and-resolutions"
    case performanceAnalysis = "performance-analysis"
    case nextCyclePlanning = "next-cycle-planning"
    case commitInformation = "commit-information"
    case missionCompletionStatus = "mission-completion-status"
    case relatedDocumentation = "related-documentation"
    case discordIntegration = "discord-integration"
    /// A section the frame does not name (`DATABASE OPTIMIZATION RESULTS`).
    case custom

    /// The frame's sections in order (without `custom`).
    public static let frame: [SectionKind] = allCases.filter { $0 != .custom }

    /// The title as the frame writes it.
    public var title: String {
        switch self {
        case .agentInformation: "AGENT INFORMATION"
        case .missionObjectives: "MISSION OBJECTIVES"
        case .actionsTaken: "ACTIONS TAKEN"
        case .progressMetrics: "PROGRESS METRICS"
        case .coordinationActivities: "COORDINATION ACTIVITIES"
        case .deploymentStatus: "DEPLOYMENT STATUS"
        case .issuesAndResolutions: "ISSUES & RESOLUTIONS"
        case .performanceAnalysis: "PERFORMANCE ANALYSIS"
        case .nextCyclePlanning: "NEXT CYCLE PLANNING"
        case .commitInformation: "COMMIT INFORMATION"
        case .missionCompletionStatus: "MISSION COMPLETION STATUS"
        case .relatedDocumentation: "RELATED DOCUMENTATION"
        case .discordIntegration: "DISCORD INTEGRATION"
        case .custom: ""
        }
    }

    /// The emoji the frame puts before the title.
    public var emoji: String {
        switch self {
        case .agentInformation: "📋"
        case .missionObjectives: "🎯"
        case .actionsTaken: "🔧"
        case .progressMetrics: "📊"
        case .coordinationActivities: "🤝"
        case .deploymentStatus: "🚀"
        case .issuesAndResolutions: "🐛"
        case .performanceAnalysis: "📈"
        case .nextCyclePlanning: "🔄"
        case .commitInformation: "📝"
        case .missionCompletionStatus: "🎯"
        case .relatedDocumentation: "🔗"
        case .discordIntegration: "📞"
        case .custom: "📌"
        }
    }

    /// Whether `field` lines in this section are metrics (their numbers compared across cycles).
    public var holdsMetrics: Bool { self == .progressMetrics || self == .performanceAnalysis }

    /// The section a written title names, ignoring case, emphasis and punctuation.
    public init(title: String) {
        // Most headings spell the frame's title exactly: skip normalizing those.
        if let exact = Self.byTitle[title] {
            self = exact
            return
        }
        self = Self.byKey[Self.key(title)] ?? .custom
    }

    private static let byTitle: [String: SectionKind] = Dictionary(uniqueKeysWithValues: frame.map { ($0.title, $0) })

    /// Letters and digits only, uppercased: `Issues & Resolutions` and `ISSUES AND RESOLUTIONS` meet.
    static func key(_ title: String) -> String {
        asciiKey(title) ?? unicodeKey(title)
    }

    /// The key by Unicode letter properties, for any title.
    static func unicodeKey(_ title: String) -> String {
        String(title.uppercased().replacingAnd().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    }

    /// The same key for an ASCII title, without Unicode property lookups: every devlog's frame
    /// sections are read this way on each save, and the lookups were most of a save's time.
    static func asciiKey(_ title: String) -> String? {
        let utf8 = title.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        func upper(_ byte: UInt8) -> UInt8 { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte }
        var key: [UInt8] = []
        key.reserveCapacity(utf8.count)
        for word in utf8.split(separator: UInt8(ascii: " ")) {
            // A whole word `and` stands for `&`, which is not a letter: it leaves nothing.
            if word.count == 3, word.map(upper).elementsEqual("AND".utf8) { continue }
            for byte in word.lazy.map(upper)
            where (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                key.append(byte)
            }
        }
        return String(decoding: key, as: UTF8.self)
    }

    private static let byKey: [String: SectionKind] = Dictionary(
        uniqueKeysWithValues: frame.map { (key($0.title), $0) }
    )
}

private extension String {
    func replacingAnd() -> String {
        split(separator: " ").map { $0 == "AND" ? "&" : String($0) }.joined(separator: " ")
    }
}
