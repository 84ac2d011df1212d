/// Walks compiled nodes and writes into one byte buffer.
///
/// The context is a plain array used as a stack (push on section entry, pop on exit), so entering a
/// section copies nothing; partial indentation and block overrides are renderer state, saved and
/// restored around a partial, and cost nothing when unused.
struct MustacheRenderer {
    /// How deep partials may nest before the render stops: guards against a partial that includes
    /// itself unconditionally.
    static let depthLimit = 200

    private(set) var buffer: [UInt8] = []
    private(set) var misses: [MustacheMiss] = []
    private var stack: [MustacheValue]
    private var indentation: [UInt8] = []
    private var overrides: [String: [MustacheNode]] = [:]
    private let library: MustacheLibrary?
    private let escapesHTML: Bool
    private let recordsMisses: Bool
    private var templateName = ""
    private var depth = 0

    init(context: MustacheValue, library: MustacheLibrary?, escaping: MustacheEscaping, recordsMisses: Bool) {
        self.stack = [context]
        self.stack.reserveCapacity(16)
        self.library = library
        self.escapesHTML = escaping == .html
        self.recordsMisses = recordsMisses
        self.buffer.reserveCapacity(4096)
    }

    var output: String { String(decoding: buffer, as: UTF8.self) }

    mutating func render(_ template: MustacheTemplate) throws(MustacheError) {
        templateName = template.name
        try render(template.nodes)
    }

    private mutating func render(_ nodes: [MustacheNode]) throws(MustacheError) {
        for node in nodes {
            switch node {
            case .text(let text):
                if indentation.isEmpty {
                    buffer.append(contentsOf: text)
                } else {
                    writeIndented(text)
                }
            case .lineStart:
                if !indentation.isEmpty { buffer.append(contentsOf: indentation) }
            case .variable(let name, let escaped):
                if let value = resolve(name) { write(value, escaped: escaped) }
            case .section(let name, let body, let inverted):
                let value = resolve(name) ?? .null
                if inverted {
                    if !value.isTruthy { try render(body) }
                } else if case .list(let items) = value {
                    for item in items {
                        stack.append(item)
                        try render(body)
                        stack.removeLast()
                    }
                } else if value.isTruthy {
                    stack.append(value)
                    try render(body)
                    stack.removeLast()
                }
            case .partial(let site):
                try renderPartial(site)
            case .block(let site):
                try renderBlock(site)
            }
        }
    }

    // MARK: Lookup

    /// Resolves a name per spec: the first part searches the stack from the top, later parts look
    /// only inside what the previous part found.
    private mutating func resolve(_ name: MustacheName) -> MustacheValue? {
        let parts = name.parts
        guard let first = parts.first else { return stack[stack.count - 1] }
        var found: MustacheValue?
        var index = stack.count - 1
        while index >= 0 {
            if let value = stack[index].child(first) {
                found = value
                break
            }
            index -= 1
        }
        guard var value = found else {
            if recordsMisses { recordMiss(name, part: first) }
            return nil
        }
        for part in parts.dropFirst() {
            guard let child = value.child(part) else {
                if recordsMisses { recordMiss(name, part: part) }
                return nil
            }
            value = child
        }
        return value
    }

    private mutating func recordMiss(_ name: MustacheName, part: String) {
        misses.append(MustacheMiss(
            name: name.text, missingPart: part,
            location: MustacheLocation(template: templateName, line: name.line, column: name.column)))
    }

    // MARK: Writing

    private mutating func write(_ value: MustacheValue, escaped: Bool) {
        switch value {
        case .null, .list, .dictionary, .object:
            // Lists and objects have no text form in Mustache; they render as nothing.
            break
        case .bool(let flag):
            buffer.append(contentsOf: flag ? "true".utf8 : "false".utf8)
        case .int(let number):
            buffer.append(contentsOf: String(number).utf8)
        case .double(let number):
            buffer.append(contentsOf: String(number).utf8)
        case .string(let string):
            if escaped && escapesHTML {
                writeEscaped(string)
            } else {
                buffer.append(contentsOf: string.utf8)
            }
        }
    }

    private mutating func writeEscaped(_ string: String) {
        var string = string
        string.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let entity: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "'"): entity = "&#39;"
                default: continue
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                buffer.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                runStart = index + 1
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
    }

    /// Writes template text inside an indented partial: every line that starts inside the text
    /// gets the indentation (a newline at the very end is followed by a `.lineStart` if needed).
    private mutating func writeIndented(_ text: [UInt8]) {
        var runStart = 0
        for index in 0..<text.count where text[index] == UInt8(ascii: "\n") && index + 1 < text.count {
            buffer.append(contentsOf: text[runStart...index])
            buffer.append(contentsOf: indentation)
            runStart = index + 1
        }
        buffer.append(contentsOf: text[runStart...])
    }

    // MARK: Partials and blocks

    private mutating func renderPartial(_ site: MustachePartialSite) throws(MustacheError) {
        let partialName: String
        if site.isDynamic {
            guard case .string(let resolved)? = resolve(site.name) else { return }
            partialName = resolved
        } else {
            partialName = site.name.text
        }
        guard let template = library?.template(named: partialName) else { return }
        guard depth < Self.depthLimit else {
            throw .tooDeep(
                limit: Self.depthLimit,
                at: MustacheLocation(template: templateName, line: site.name.line, column: site.name.column))
        }
        let saved = (indentation, overrides, templateName)
        if let extra = site.indentation { indentation += extra }
        if let given = site.overrides, !given.isEmpty {
            // Overrides from further out win, so a grandchild's block beats its parent's.
            overrides = given.merging(overrides) { _, outer in outer }
        }
        templateName = template.name
        depth += 1
        defer {
            depth -= 1
            (indentation, overrides, templateName) = saved
        }
        if site.indentation == nil, case .lineStart? = template.nodes.first {
            // An inline partial starts mid-line: its first line takes no indentation.
            try render(template.nodes.dropFirst())
        } else {
            try render(template.nodes)
        }
    }

    private mutating func renderBlock(_ site: MustacheBlockSite) throws(MustacheError) {
        guard let override = overrides[site.name.text] else {
            try render(site.defaultBody)
            return
        }
        let saved = indentation
        indentation += site.indentation
        defer { indentation = saved }
        if !site.isStandalone, case .lineStart? = override.first {
            try render(override.dropFirst())
        } else {
            try render(override)
        }
    }

    private mutating func render(_ nodes: ArraySlice<MustacheNode>) throws(MustacheError) {
        try render(Array(nodes))
    }
}

/// How `{{name}}` interpolations are escaped. `{{{name}}}` and `{{&name}}` never escape.
public enum MustacheEscaping: Sendable {
    /// Escape `& < > " '` as HTML entities: the spec's default.
    case html
    /// Write values as they are: for markdown output, where entities would show up literally.
    case none
}
