public import DevlogModel

/// Reads DEVLOG v3.1 markdown into a ``Devlog``, keeping every line.
///
/// Each line is parsed into the block its shape suggests (field, task, checklist line…), and the
/// block keeps its parsed parts only when they write back to exactly the line read; otherwise it
/// also keeps the line as written (``Block/raw``). So any input round-trips byte for byte while
/// well-formed lines become real records.
public struct MarkdownParser: Sendable {
    /// A parser.
    public init() {}

    /// Parses a file's bytes; `file` names it in errors.
    public func parse<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes, file: String) throws(MarkdownParseError) -> Devlog {
        let source = try SourceText(bytes: bytes, file: file)
        guard !source.lines.isEmpty else { throw .empty(file: file) }
        let devlog = parse(lines: source.lines)
        try Self.checkIDs(devlog, file: file)
        return devlog
    }

    /// Refuses a control character in the lines that identify the cycle (Agent ID and Mission ID
    /// in AGENT INFORMATION, the footer's Cycle): ids name files, commits and the cycle itself.
    private static func checkIDs(_ devlog: Devlog, file: String) throws(MarkdownParseError) {
        var line = 1
        var section: SectionKind?
        for block in devlog.blocks {
            var ids: [(label: String, value: String)] = []
            switch block.kind {
            case .section:
                section = SectionKind(title: block.value)
            case .field, .metric:
                guard section == .agentInformation, block.indent.isEmpty else { break }
                let label = block.label.lowercased()
                if label == "agent id" || label == "mission id" { ids = [(block.label, block.value)] }
            case .pairs:
                ids = block.pairs.filter { $0.label.lowercased() == "cycle" }
            case .code:
                // The only block of several lines: its fences and body.
                line += block.markdown.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            default:
                break
            }
            for id in ids {
                if let scalar = ControlCharacters.firstInID(id.value) {
                    throw .controlCharacterInID(file: file, line: line, field: id.label, character: ControlCharacters.name(scalar))
                }
            }
            line += 1
        }
    }

    /// Parses lines already split and normalized (see ``SourceText``).
    public func parse(lines: [String]) -> Devlog {
        var blocks: [Block] = []
        blocks.reserveCapacity(lines.count)
        var section: SectionKind?
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if let fence = Self.fenceOpening(line), let close = Self.closingFence(fence.marker, in: lines, after: index) {
                let body = lines[(index + 1)..<close].joined(separator: "\n")
                var block = Block.code(body, language: fence.language, fence: fence.marker)
                let written = lines[index...close].joined(separator: "\n")
                if block.canonicalMarkdown != written { block.raw = written }
                blocks.append(block)
                index = close + 1
                continue
            }
            var block = Self.block(for: line, in: section)
            if block.kind == .section { section = SectionKind(title: block.value) }
            if !block.isCanonicalMarkdown(line) { block.raw = line }
            blocks.append(block)
            index += 1
        }
        return Devlog(blocks: blocks)
    }

    /// The block a single line's shape suggests.
    static func block(for line: String, in section: SectionKind?) -> Block {
        if line.isEmpty { return .blank }
        if line.hasPrefix(ascii: "### ") { return .subsection(String(line.dropFirst(4))) }
        if line.hasPrefix(ascii: "## ") { return sectionHeading(String(line.dropFirst(3))) }
        if line.hasPrefix(ascii: "# ") { return .title(String(line.dropFirst(2))) }
        // Bytes: a line is all `-` characters exactly when it is all `-` bytes.
        if line.utf8.count >= 3, line.utf8.allSatisfy({ $0 == UInt8(ascii: "-") }) { return Block(kind: .rule, marker: line) }

        let indent = String(line.prefix(while: { $0 == " " }))
        let rest = line.dropFirst(indent.count)
        if rest.hasPrefix(ascii: "- ") || rest.hasPrefix(ascii: "* ") {
            var block = listItem(String(rest.dropFirst(2)), in: section)
            block.indent = indent
            block.marker = String(rest.prefix(1))
            return block
        }
        if let numbered = numberedItem(rest) {
            var block = numbered
            block.indent = indent
            return block
        }
        if line.hasPrefix(ascii: "**"), line.contains(ascii: ":**") {
            let block = Block(kind: .pairs, value: line)
            if !block.pairs.isEmpty { return block }
        }
        return .text(line)
    }

    /// `## 📋 **AGENT INFORMATION**` → emoji and title.
    private static func sectionHeading(_ rest: String) -> Block {
        if let open = rest.firstRange(ofASCII: "**"), rest.hasSuffix("**"), rest.count >= open.upperBound.utf16Offset(in: rest) + 2 {
            let emoji = String(rest[..<open.lowerBound]).trimmingWhitespace()
            let title = String(rest[open.upperBound..<rest.index(rest.endIndex, offsetBy: -2)])
            if !title.isEmpty, !title.contains(ascii: "**") { return .section(title, emoji: emoji) }
        }
        return Block(kind: .section, value: rest)
    }

    /// The text after `- `: a field, task, metric, checklist line or plain bullet.
    private static func listItem(_ content: String, in section: SectionKind?) -> Block {
        if let (label, value) = boldLabel(content) {
            if let number = taskNumber(label) {
                let (title, status) = splitStatus(value)
                var block = Block.task(number: number, title: title, status: status)
                block.label = label
                return block
            }
            if section?.holdsMetrics == true { return .metric(label, value) }
            return .field(label, value)
        }
        // Every check mark is an emoji: a line starting with an ASCII byte holds none.
        if let first = content.utf8.first, first >= 0x80, let space = content.firstIndex(of: " "),
           let mark = CheckMark(emoji: String(content[..<space])) {
            return Block(kind: .check, label: mark.emoji, value: String(content[content.index(after: space)...]),
                         status: Status(mark.state, text: mark.emoji))
        }
        return Block(kind: .item, value: content)
    }

    /// `1. **Issue:** text` or `1. text`.
    private static func numberedItem(_ rest: Substring) -> Block? {
        let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count < 6, let number = Int(digits) else { return nil }
        let after = rest.dropFirst(digits.count)
        guard after.hasPrefix(ascii: ". ") else { return nil }
        let content = String(after.dropFirst(2))
        var block: Block
        if let (label, value) = boldLabel(content) {
            block = .numbered(number, label: label, value)
        } else {
            block = .numbered(number, label: "", content)
        }
        block.marker = String(digits) + "."
        return block
    }

    /// `**Label:** value` → (label, value); the value may be empty.
    private static func boldLabel(_ content: String) -> (String, String)? {
        guard content.hasPrefix(ascii: "**"), let end = content.firstRange(ofASCII: ":**") else { return nil }
        let label = String(content[content.index(content.startIndex, offsetBy: 2)..<end.lowerBound])
        guard !label.isEmpty, !label.contains(ascii: "**") else { return nil }
        var value = content[end.upperBound...]
        if value.hasPrefix(ascii: " ") { value = value.dropFirst() }
        return (label, String(value))
    }

    /// `Task 3` → 3.
    private static func taskNumber(_ label: String) -> Int? {
        guard label.hasPrefix(ascii: "Task ") else { return nil }
        return Int(label.dropFirst(5))
    }

    /// `Build the cache - ✅ Completed` → title and status, split at the first ` - ` whose
    /// remainder reads as a status; the whole text is the title when none does.
    static func splitStatus(_ value: String) -> (String, Status?) {
        var searchStart = value.startIndex
        while let range = value[searchStart...].firstRange(ofASCII: " - ") {
            let remainder = String(value[range.upperBound...])
            if let status = Status(parsing: remainder) {
                return (String(value[..<range.lowerBound]), status)
            }
            searchStart = range.upperBound
        }
        return (value, nil)
    }

    /// A fence opening: three or more backticks or tildes, or a lone backtick with a language
    /// word (fences damaged by shell quoting).
    static func fenceOpening(_ line: String) -> (marker: String, language: String)? {
        guard let first = line.first, first == "`" || first == "~" else { return nil }
        let run = line.prefix(while: { $0 == first })
        let info = String(line.dropFirst(run.count))
        if run.count >= 3 {
            guard !(first == "`" && info.contains(ascii: "`")) else { return nil }
            return (String(run), info)
        }
        guard first == "`", run.count == 1, !info.isEmpty,
              info.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "_" }) else { return nil }
        return ("`", info)
    }

    /// The index of the line closing a fence, or `nil` when it is never closed.
    static func closingFence(_ marker: String, in lines: [String], after opening: Int) -> Int? {
        var index = opening + 1
        while index < lines.count {
            let line = lines[index]
            if marker == "`" ? line == "`" : (line.hasPrefix(marker) && line.allSatisfy { $0 == marker.first }) {
                return index
            }
            index += 1
        }
        return nil
    }
}
