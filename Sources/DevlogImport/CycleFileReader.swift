public import DevlogModel
import DevlogMarkdown
import Foundation
import Yams

/// Reads a cycle file — JSON or YAML, the schema in docs/cycle-file.md — into a ``Devlog`` in
/// the v3.1 frame.
///
/// One reader serves both formats: JSON is YAML, and the YAML node tree knows the line of every
/// value, so each error names its line as well as its field.
public struct CycleFileReader: Sendable {
    /// A reader.
    public init() {}

    /// The top-level fields of a cycle file.
    static let topLevel: Set<String> = [
        "agent", "mission", "cycle", "tasks", "code_changes", "files_modified", "files_created", "metrics",
        "messages_sent", "messages_received", "inbox", "deployed", "integration", "issues", "blockers",
        "performance", "next_tasks", "dependencies", "coordination_needs", "commit", "objectives",
        "success_criteria", "documents", "discord", "sections",
    ]

    /// Parses a cycle file's bytes; `file` names it in errors.
    public func read<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes, file: String) throws(ImportError) -> Devlog {
        let text: String
        do {
            // Long lines are fine here: the field limit names the field instead.
            text = try SourceText(bytes: bytes, file: file, maximumLineBytes: .max).lines.joined(separator: "\n")
        } catch {
            throw ImportError(file: file, line: error.line, message: error.reason)
        }
        if InputFile.Format(path: file) == .json {
            // YAML accepts what JSON does not (`{"a": }`): hold .json files to JSON's syntax.
            try Self.checkJSONSyntax(bytes, file: file)
        }
        var expansion = AliasExpansion()
        // The tree is gone once `compose` returns; only then may the anchored nodes go, latest first.
        defer { expansion.releaseDefinitions() }
        return try compose(text, file: file, expansion: &expansion)
    }

    /// Parses the text, refuses it when its aliases expand it past the file limit, and builds the devlog.
    private func compose(_ text: String, file: String, expansion: inout AliasExpansion) throws(ImportError) -> Devlog {
        let root: Node
        do {
            // The parser, not `Yams.compose`: it holds the anchors that tell aliases apart (a node
            // holds its anchor weakly), for as long as the expansion is measured.
            let parser = try Parser(yaml: text)
            guard let node = try parser.singleRoot() else {
                throw ImportError(file: file, message: "empty file; a cycle file needs at least agent, mission and cycle")
            }
            root = node
            let expanded = withExtendedLifetime(parser) { expansion.size(of: node, limit: InputFile.maximumBytes) }
            guard expanded <= InputFile.maximumBytes else {
                throw ImportError(file: file, message: "its aliases (*name) expand it to over \(InputFile.maximumBytes >> 20) MiB, "
                    + "the limit for a cycle file; refer to large values fewer times")
            }
        } catch let error as ImportError {
            throw error
        } catch {
            throw Self.syntaxError(error, file: file)
        }
        return try build(NodeReader(node: root, path: "", file: file))
    }

    private func build(_ root: NodeReader) throws(ImportError) -> Devlog {
        let top = try root.fields(Self.topLevel)
        for required in ["agent", "mission", "cycle"] where top[required] == nil {
            throw root.error("missing field \"\(required)\"; see docs/cycle-file.md")
        }
        var devlog = try Devlog.skeleton(agent: agent(top["agent"]!), mission: mission(top["mission"]!), cycle: cycle(top["cycle"]!))
        for task in try top["tasks"]?.items() ?? [] {
            let fields = try task.fields(["title", "status"])
            guard let title = fields["title"] else { throw task.error("missing field \"title\"") }
            devlog.addTask(try title.string(), status: try fields["status"]?.status())
        }
        if let code = top["code_changes"] {
            let fields = try code.fields(["language", "code"])
            let body = try fields["code"]?.multilineString().trimmingTrailingNewlines() ?? ""
            let language = try fields["language"]?.string() ?? ""
            // A backtick would end the fence's opening line early, leaving the body as markdown.
            if language.contains("`") { throw fields["language"]!.error("a language cannot hold a backtick; write its name alone") }
            devlog.append(.code(body, language: language, fence: Self.fence(for: body)), to: SectionReference(.actionsTaken), subsection: "Code Changes")
        }
        try files(top["files_modified"], note: "change", subsection: "Files Modified", into: &devlog)
        try files(top["files_created"], note: "purpose", subsection: "New Files Created", into: &devlog)
        try groups(top["metrics"], section: SectionReference(.progressMetrics), into: &devlog)
        let coordination = SectionReference(.coordinationActivities)
        try messages(top["messages_sent"], party: "to", prefix: "To", subsection: "Messages Sent", into: &devlog)
        try messages(top["messages_received"], party: "from", prefix: "From", subsection: "Messages Received", into: &devlog)
        try labelled(top["inbox"], section: coordination, subsection: "Inbox Status", into: &devlog)
        let deployment = SectionReference(.deploymentStatus)
        try named(top["deployed"], key: "component", section: deployment, subsection: "Components Deployed", into: &devlog)
        try labelled(top["integration"], section: deployment, subsection: "Integration Status", into: &devlog)
        try issues(top["issues"], into: &devlog)
        try named(top["blockers"], key: "blocker", section: SectionReference(.issuesAndResolutions), subsection: "Blockers", into: &devlog)
        try groups(top["performance"], section: SectionReference(.performanceAnalysis), into: &devlog)
        let planning = SectionReference(.nextCyclePlanning)
        for (index, item) in try (top["next_tasks"]?.items() ?? []).enumerated() {
            devlog.append(.numbered(index + 1, label: "Priority \(index + 1)", try item.string()), to: planning, subsection: "Upcoming Tasks")
        }
        try labelled(top["dependencies"], section: planning, subsection: "Dependencies", into: &devlog)
        try labelled(top["coordination_needs"], section: planning, subsection: "Coordination Needs", into: &devlog)
        try commit(top["commit"], into: &devlog)
        let completion = SectionReference(.missionCompletionStatus)
        for item in try top["objectives"]?.items() ?? [] {
            let fields = try item.fields(["text", "status"])
            guard let text = fields["text"] else { throw item.error("missing field \"text\"") }
            let state = try fields["status"]?.status().state ?? .completed
            devlog.append(.check(try text.string(), state: state), to: completion, subsection: "Objectives Met")
        }
        try labelled(top["success_criteria"], section: completion, subsection: "Success Criteria", into: &devlog)
        try labelled(top["documents"], section: SectionReference(.relatedDocumentation), subsection: nil, into: &devlog)
        try discord(top["discord"], into: &devlog)
        try customSections(top["sections"], into: &devlog)
        return devlog
    }

    private func agent(_ node: NodeReader) throws(ImportError) -> Agent {
        let fields = try node.fields(["id", "specialty", "coordinates"])
        guard let id = try fields["id"]?.id(), !id.isEmpty else { throw node.error("missing field \"id\" (e.g. Agent-6)") }
        return Agent(id: id, specialty: try fields["specialty"]?.string() ?? "", coordinates: try fields["coordinates"]?.string() ?? "")
    }

    private func mission(_ node: NodeReader) throws(ImportError) -> Mission {
        let fields = try node.fields(["id", "objective", "status", "progress"])
        guard let id = try fields["id"]?.id(), !id.isEmpty else { throw node.error("missing field \"id\"") }
        let progress = try fields["progress"]?.number()
        return Mission(id: id, objective: try fields["objective"]?.string() ?? "", status: try fields["status"]?.status(),
                       progress: progress, progressText: progress.map { "\($0.formatted)%" } ?? "")
    }

    private func cycle(_ node: NodeReader) throws(ImportError) -> Cycle {
        let fields = try node.fields(["number", "date", "title", "last_updated", "next_update"])
        var number: Int?
        if let field = fields["number"] {
            guard let value = Int(try field.string()), value >= 0 else { throw field.error("expected a whole number (e.g. 2)") }
            number = value
        }
        return Cycle(number: number, date: try fields["date"]?.string() ?? "", lastUpdated: try fields["last_updated"]?.string() ?? "",
                     nextUpdate: try fields["next_update"]?.string() ?? "", title: try fields["title"]?.string() ?? "")
    }

    private func files(_ node: NodeReader?, note: String, subsection: String, into devlog: inout Devlog) throws(ImportError) {
        for item in try node?.items() ?? [] {
            let fields = try item.fields(["path", note])
            guard let path = try fields["path"]?.string() else { throw item.error("missing field \"path\"") }
            let text = try fields[note]?.string()
            devlog.append(.item(text.map { "`\(path)` - \($0)" } ?? "`\(path)`"), to: SectionReference(.actionsTaken), subsection: subsection)
        }
    }

    private func messages(_ node: NodeReader?, party: String, prefix: String, subsection: String, into devlog: inout Devlog) throws(ImportError) {
        for item in try node?.items() ?? [] {
            let fields = try item.fields([party, "text"])
            guard let who = try fields[party]?.string() else { throw item.error("missing field \"\(party)\"") }
            devlog.append(.field("\(prefix) \(who)", try fields["text"]?.string() ?? ""),
                          to: SectionReference(.coordinationActivities), subsection: subsection)
        }
    }

    /// A mapping of label → value, written as `- **Label:** value` lines.
    private func labelled(_ node: NodeReader?, section: SectionReference, subsection: String?, into devlog: inout Devlog) throws(ImportError) {
        for (label, value) in try node?.pairs() ?? [] {
            devlog.setField(label, try value.string(), in: section, subsection: subsection)
        }
    }

    /// A mapping of group → (label → value): each group is a subsection.
    private func groups(_ node: NodeReader?, section: SectionReference, into devlog: inout Devlog) throws(ImportError) {
        for (group, labels) in try node?.pairs() ?? [] {
            try labelled(labels, section: section, subsection: group, into: &devlog)
        }
    }

    /// A list of `{key: name, status: …}`, written `- **Name:** status`.
    private func named(_ node: NodeReader?, key: String, section: SectionReference, subsection: String, into devlog: inout Devlog) throws(ImportError) {
        for item in try node?.items() ?? [] {
            let fields = try item.fields([key, "status"])
            guard let name = try fields[key]?.string() else { throw item.error("missing field \"\(key)\"") }
            devlog.append(.field(name, try fields["status"]?.status().text ?? ""), to: section, subsection: subsection)
        }
    }

    private func issues(_ node: NodeReader?, into devlog: inout Devlog) throws(ImportError) {
        let section = SectionReference(.issuesAndResolutions)
        for (index, item) in try (node?.items() ?? []).enumerated() {
            let fields = try item.fields(["issue", "resolution", "status"])
            guard let issue = try fields["issue"]?.string() else { throw item.error("missing field \"issue\"") }
            var group: [Block] = index > 0 ? [.blank] : []
            group.append(.numbered(index + 1, label: "Issue", issue))
            if let resolution = try fields["resolution"]?.string() { group.append(.field("Resolution", resolution, indent: "   ")) }
            if let status = try fields["status"]?.status() { group.append(.field("Status", status.text, indent: "   ")) }
            devlog.append(contentsOf: group, to: section, subsection: "Issues Encountered")
        }
    }

    private func commit(_ node: NodeReader?, into devlog: inout Devlog) throws(ImportError) {
        guard let node else { return }
        let fields = try node.fields(["hash", "message", "files_changed", "branch", "merge_status"])
        let section = SectionReference(.commitInformation)
        for (key, label) in [("hash", "Commit Hash"), ("message", "Commit Message"), ("files_changed", "Files Changed")] {
            if let value = try fields[key]?.string() { devlog.setField(label, value, in: section, subsection: "Git Commit") }
        }
        for (key, label) in [("branch", "Current Branch"), ("merge_status", "Merge Status")] {
            if let value = try fields[key]?.string() { devlog.setField(label, value, in: section, subsection: "Branch Status") }
        }
    }

    private func discord(_ node: NodeReader?, into devlog: inout Devlog) throws(ImportError) {
        guard let node else { return }
        let fields = try node.fields(["channel", "post_time", "engagement"])
        let section = SectionReference(.discordIntegration)
        for (key, label) in [("channel", "Discord Channel"), ("post_time", "Post Time"), ("engagement", "Engagement")] {
            if let value = try fields[key]?.string() { devlog.setField(label, value, in: section, subsection: "Devlog Posted") }
        }
    }

    /// Custom sections: lines are markdown, parsed as a devlog's lines are.
    private func customSections(_ node: NodeReader?, into devlog: inout Devlog) throws(ImportError) {
        let parser = MarkdownParser()
        for item in try node?.items() ?? [] {
            let fields = try item.fields(["title", "emoji", "lines", "subsections"])
            guard let title = try fields["title"]?.string() else { throw item.error("missing field \"title\"") }
            let section = SectionReference(named: title, emoji: try fields["emoji"]?.string())
            for line in try lines(fields["lines"]) {
                devlog.append(line, to: section)
            }
            for sub in try fields["subsections"]?.items() ?? [] {
                let subFields = try sub.fields(["title", "lines"])
                guard let subTitle = try subFields["title"]?.string() else { throw sub.error("missing field \"title\"") }
                let blocks = try lines(subFields["lines"])
                if blocks.isEmpty { devlog.append(.blank, to: section, subsection: subTitle) }
                for block in blocks { devlog.append(block, to: section, subsection: subTitle) }
            }
        }

        func lines(_ node: NodeReader?) throws(ImportError) -> [Block] {
            var text: [String] = []
            for line in try node?.items() ?? [] { text.append(try line.string()) }
            return parser.parse(lines: text).blocks.filter { $0.kind != .blank }
        }
    }

    /// A fence longer than any run of backticks in `body`, so no line of the body can close the
    /// block and turn the rest into markdown of its own.
    static func fence(for body: String) -> String {
        var longest = 0
        var run = 0
        for byte in body.utf8 {
            run = byte == UInt8(ascii: "`") ? run + 1 : 0
            longest = max(longest, run)
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }

    /// Foundation's JSON parser says where it stopped ("around line 2, column 12"): keep that.
    private static func checkJSONSyntax<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes, file: String) throws(ImportError) {
        do {
            _ = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "not valid JSON"
            // Darwin names the line; swift-corelibs names a byte offset, which gives the line.
            let offset = detail.firstMatch(of: /character (\d+)/).flatMap { Int($0.1) }
            let line = detail.firstMatch(of: /line (\d+)/).flatMap { Int($0.1) }
                ?? offset.map { offset in 1 + bytes.prefix(offset).reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } }
            throw ImportError(file: file, line: line, message: "syntax error: \(detail.trimmingTrailingPeriod()); fix the JSON there")
        }
    }

    /// Yams' syntax errors carry a mark: turn them into one line with it.
    private static func syntaxError(_ error: any Error, file: String) -> ImportError {
        if let yaml = error as? YamlError {
            switch yaml {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                return ImportError(file: file, line: mark.line, message: "syntax error: \(problem) (column \(mark.column)); fix the JSON/YAML there")
            default:
                break
            }
        }
        return ImportError(file: file, message: "cannot read as JSON or YAML: \(error)")
    }
}

private extension String {
    func trimmingTrailingPeriod() -> String { hasSuffix(".") ? String(dropLast()) : self }

    func trimmingTrailingNewlines() -> String {
        var text = Substring(self)
        while text.last == "\n" { text = text.dropLast() }
        return String(text)
    }
}

private extension Double {
    /// `25.0` → `25`, `12.5` → `12.5`.
    var formatted: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}

/// The size of a node tree with every alias written out: each scalar's bytes and one per node
/// (no node takes less in a file). Aliases let 200 KB of YAML stand for 80 MB, and every limit
/// after parsing would see the expanded values.
///
/// An alias is its anchor's node itself, so a walk that followed aliases could take exponential
/// time. Each anchored node's size is computed once instead, where it is defined (document order
/// reaches a definition before any alias to it), and reused for every alias: the walk is linear
/// in the file. It keeps its own stack, since an alias chain (`&b [*a]`, `&c [*b]`, …) makes
/// trees deeper than a thread's stack.
private struct AliasExpansion {
    /// A node being summed: its children still to visit, and the total so far.
    private struct Frame {
        var anchor: ObjectIdentifier?
        var node: Node
        var children: [Node]
        var next = 0
        var total = 1
    }

    /// The anchored nodes, in the order they are defined.
    private var definitions: [Node] = []

    /// The expanded size of `root`, saturating at `limit + 1`; the parser that made it must be alive.
    mutating func size(of root: Node, limit: Int) -> Int {
        var known: [ObjectIdentifier: Int] = [:]
        var stack: [Frame] = []
        var finished: Int?
        var pending: Node? = root
        while true {
            if let node = pending {
                pending = nil
                let anchor = node.anchor.map(ObjectIdentifier.init)
                if let anchor, let size = known[anchor] {
                    finished = size
                } else {
                    switch node {
                    case .scalar(let scalar): finished = min(1 + scalar.string.utf8.count, limit + 1)
                    case .sequence(let sequence): stack.append(Frame(anchor: anchor, node: node, children: Array(sequence)))
                    case .mapping(let mapping): stack.append(Frame(anchor: anchor, node: node, children: mapping.flatMap { [$0.key, $0.value] }))
                    case .alias: finished = 1
                    }
                    if let anchor, let finished {
                        known[anchor] = finished
                        definitions.append(node)
                    }
                }
            }
            if let size = finished {
                finished = nil
                guard !stack.isEmpty else { return size }
                stack[stack.count - 1].total = min(stack[stack.count - 1].total + size, limit + 1)
            }
            let top = stack.count - 1
            if stack[top].next < stack[top].children.count {
                pending = stack[top].children[stack[top].next]
                stack[top].next += 1
            } else {
                let frame = stack.removeLast()
                if let anchor = frame.anchor {
                    known[anchor] = frame.total
                    definitions.append(frame.node)
                }
                finished = frame.total
            }
        }
    }

    /// Frees the anchored nodes, latest first, once nothing else holds the tree. Freeing the last
    /// link of an alias chain would otherwise free the one it contains, and so on down the chain
    /// in one recursion deeper than the stack; latest first, each link is freed alone.
    mutating func releaseDefinitions() {
        while !definitions.isEmpty { definitions.removeLast() }
    }
}
