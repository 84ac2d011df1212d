public import DevlogModel

/// The default file name of a generated devlog: `<date>_<agent>_<mission>_cycle-<n>.md`, made
/// of safe characters only, so no stored name can point outside `devlogs/`.
public enum DevlogFileName {
    /// The file name for a devlog, read in one pass over its blocks (a backlog re-render names
    /// thousands of files; the typed records would each walk the blocks again).
    public static func make(for devlog: Devlog) -> String {
        var date = "", agent = "", mission = "", cycle = ""
        var inAgentInformation = false
        for block in devlog.blocks {
            switch block.kind {
            case .section:
                inAgentInformation = SectionKind(title: block.value) == .agentInformation
            case .field where inAgentInformation && block.indent.isEmpty:
                switch block.label.lowercased() {
                case "agent id" where agent.isEmpty: agent = block.value.unmarked
                case "mission id" where mission.isEmpty: mission = block.value.unmarked
                case "cycle date" where date.isEmpty: date = block.value.unmarked
                default: break
                }
            case .pairs:
                for pair in block.pairs where pair.label.lowercased() == "cycle" { cycle = pair.value.unmarked }
            default:
                break
            }
        }
        return make(date: date, agent: agent, mission: mission, cycle: cycle)
    }

    /// The file name for a devlog's cycle facts.
    public static func make(date: String, agent: String, mission: String, cycle: String) -> String {
        let parts = [date, agent, mission].map { sanitize($0, fallback: "unknown") }
        return parts.joined(separator: "_") + "_cycle-" + sanitize(cycle, fallback: "0") + ".md"
    }

    /// Letters, digits, `.`, `-` and `_` kept; runs of anything else become one `-`; no leading
    /// dot (hidden file, `..`); at most 60 characters.
    static func sanitize(_ text: String, fallback: String) -> String {
        var out = ""
        var lastWasDash = false
        for scalar in text.unicodeScalars {
            let safe = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" || scalar == ".")
            if safe {
                out.unicodeScalars.append(scalar)
                lastWasDash = scalar == "-"
            } else if !lastWasDash, !out.isEmpty {
                out += "-"
                lastWasDash = true
            }
        }
        while out.hasPrefix(".") || out.hasPrefix("-") { out.removeFirst() }
        while out.hasSuffix("-") || out.hasSuffix(".") { out.removeLast() }
        out = String(out.prefix(60))
        return out.isEmpty ? fallback : out
    }
}
