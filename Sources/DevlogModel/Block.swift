/// One line-level piece of a devlog, in document order: a heading, a field, a task, a code block….
///
/// A devlog is a sequence of blocks, which keeps custom sections, odd lines and blank lines exactly
/// where they were written. The typed records (agent, mission, tasks, metrics…) are read from the
/// blocks, and the renderer rebuilds the section tree from them.
public struct Block: Sendable, Hashable, Codable {
    /// What a block is and how it is written.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// `# value` — a header line.
        case title
        /// `## label **value**` — a section; `label` is the emoji.
        case section
        /// `### value` — a subsection.
        case subsection
        /// `- **label:** value`.
        case field
        /// `- **label:** value` inside a metrics section; `quantity` is read from the value.
        case metric
        /// `- **Task number:** value - status`.
        case task
        /// `- value` — a plain bullet (files, notes).
        case item
        /// `- marker value` — a checklist line; `marker` is ✅, ⏳ or ❌ and gives `status`.
        case check
        /// `number. **label:** value` or `number. value` — issues, priorities.
        case numbered
        /// A fenced code block: `marker` is the fence, `label` the language, `value` the body.
        case code
        /// `---`.
        case rule
        /// `**A:** x | **B:** y` — the footer's lines.
        case pairs
        /// Any other line, kept as written.
        case text
        /// An empty line.
        case blank
    }

    /// What this block is.
    public var kind: Kind
    /// Leading spaces of a list line (`   - **Resolution:** …` under an issue).
    public var indent: String
    /// The list marker, checklist emoji or code fence as written.
    public var marker: String
    /// The bold label, the emoji of a section, or the language of a code block.
    public var label: String
    /// The main text as written: a field's value, a task's title, a heading's title, a code body.
    public var value: String
    /// A task's or status field's status.
    public var status: Status?
    /// A metric's number and unit.
    public var quantity: Quantity?
    /// A task's or numbered line's number.
    public var number: Int?
    /// The line(s) as written, kept only when the parsed parts do not write back to exactly them.
    public var raw: String?

    /// A block; most callers use the kind-named factories.
    public init(
        kind: Kind, indent: String = "", marker: String = "", label: String = "", value: String = "",
        status: Status? = nil, quantity: Quantity? = nil, number: Int? = nil, raw: String? = nil
    ) {
        self.kind = kind
        self.indent = indent
        self.marker = marker
        self.label = label
        self.value = value
        self.status = status
        self.quantity = quantity
        self.number = number
        self.raw = raw
    }
}

extension Block {
    /// A blank line.
    public static let blank = Block(kind: .blank)
    /// A `---` rule.
    public static let rule = Block(kind: .rule, marker: "---")

    /// A `# text` header line.
    public static func title(_ text: String) -> Block { Block(kind: .title, value: text) }

    /// A `## emoji **TITLE**` section heading.
    public static func section(_ title: String, emoji: String) -> Block {
        Block(kind: .section, label: emoji, value: title)
    }

    /// A `### Title` subsection heading.
    public static func subsection(_ title: String) -> Block { Block(kind: .subsection, value: title) }

    /// A `- **Label:** value` line; a field labelled `Status` also carries its parsed status.
    public static func field(_ label: String, _ value: String, indent: String = "") -> Block {
        let status = Self.isStatusLabel(label) ? Status(parsing: value) : nil
        return Block(kind: .field, indent: indent, marker: "-", label: label, value: value, status: status)
    }

    /// Whether `label.lowercased() == "status"`, without lowercasing every field's label: only
    /// six ASCII letters lowercase to those six.
    private static func isStatusLabel(_ label: String) -> Bool {
        let utf8 = label.utf8
        guard utf8.count == 6 else { return false }
        // ASCII letters only; `| 0x20` lowercases them.
        return utf8.allSatisfy { $0 < 0x80 } && zip(utf8, "status".utf8).allSatisfy { $0 | 0x20 == $1 }
    }

    /// A metric line: a field whose number and unit are read from the value.
    public static func metric(_ label: String, _ value: String) -> Block {
        Block(kind: .metric, marker: "-", label: label, value: value, quantity: Quantity(parsing: value))
    }

    /// A `- **Task N:** title - status` line.
    public static func task(number: Int, title: String, status: Status?) -> Block {
        Block(kind: .task, marker: "-", label: "Task \(number)", value: title, status: status, number: number)
    }

    /// A `- text` bullet.
    public static func item(_ text: String, indent: String = "") -> Block {
        Block(kind: .item, indent: indent, marker: "-", value: text)
    }

    /// A `- ✅ text` checklist line.
    public static func check(_ text: String, state: Status.State) -> Block {
        let mark = CheckMark(state: state)
        return Block(kind: .check, marker: "-", label: mark.emoji, value: text, status: Status(state, text: mark.emoji))
    }

    /// A `N. **Label:** text` line, or `N. text` when `label` is empty.
    public static func numbered(_ number: Int, label: String, _ text: String) -> Block {
        Block(kind: .numbered, marker: "\(number).", label: label, value: text, number: number)
    }

    /// A fenced code block.
    public static func code(_ body: String, language: String, fence: String = "```") -> Block {
        Block(kind: .code, marker: fence, label: language, value: body)
    }

    /// A `**A:** x | **B:** y` line.
    public static func pairs(_ pairs: [(String, String)]) -> Block {
        Block(kind: .pairs, value: pairs.map { $0.1.isEmpty ? "**\($0.0):**" : "**\($0.0):** \($0.1)" }.joined(separator: " | "))
    }

    /// A line kept as written.
    public static func text(_ line: String) -> Block { Block(kind: .text, value: line) }

    /// The `label: value` pairs of a `.pairs` line.
    public var pairs: [(label: String, value: String)] {
        guard kind == .pairs else { return [] }
        // Split at each ` | ` by the UTF-8 search: the generic split(separator:) compared
        // characters and was a large part of reading a devlog's records.
        var result: [(label: String, value: String)] = []
        var rest = value[...]
        while true {
            let separator = rest.firstRange(ofASCII: " | ")
            if let pair = Self.pair(separator.map { rest[..<$0.lowerBound] } ?? rest) { result.append(pair) }
            guard let separator else { return result }
            rest = rest[separator.upperBound...]
        }
    }

    /// `**Label:** value` → label and value.
    private static func pair(_ written: Substring) -> (label: String, value: String)? {
        let part = String(written).trimmingWhitespace()
        guard part.hasPrefix(ascii: "**"), let end = part.firstRange(ofASCII: ":**") else { return nil }
        let label = String(part[part.index(part.startIndex, offsetBy: 2)..<end.lowerBound])
        return (label, String(part[end.upperBound...]).trimmingWhitespace())
    }
}
