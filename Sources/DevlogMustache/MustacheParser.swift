/// Compiles template source into nodes in one pass over its UTF-8 bytes.
///
/// The source is read one line at a time so the spec's standalone-line rules (drop a line that
/// holds only a section, comment, partial or delimiter tag) are settled here, once, and never at
/// render time. Tags are matched as they are read, so errors point at the exact tag.
struct MustacheParser {
    private enum TagKind: Equatable {
        case variable(escaped: Bool)
        case section
        case inverted
        case close(of: OpenKind)
        case comment
        case partial
        case parent
        case blockDefinition
        case blockSite
        case delimiters
    }

    private enum OpenKind: Equatable {
        case section, inverted, parent, blockDefinition, blockSite
    }

    private struct Tag {
        var kind: TagKind
        var name: String
        var isDynamic = false
        var line: Int
        var column: Int
        var isStandalone = false
        var indentation: [UInt8] = []

        /// Tags that write nothing themselves, so a line holding only them may be dropped.
        var isSilent: Bool {
            if case .variable = kind { return false }
            return true
        }

        /// Inheritance tags may share a standalone line with each other (spec: "Standalone parent").
        var mayShareStandaloneLine: Bool {
            switch kind {
            case .parent, .blockDefinition, .comment, .close(of: .parent), .close(of: .blockDefinition): true
            default: false
            }
        }
    }

    private enum Token {
        case text([UInt8])
        case lineStart
        case tag(Tag)
    }

    private enum Item {
        case text(Range<Int>)
        case tag(Tag)
    }

    private struct Open {
        var kind: OpenKind
        var name: String
        var line: Int
        var column: Int
        /// For a block definition: the indentation of its first line, removed from each line.
        var dedent: [UInt8]?
    }

    private let bytes: [UInt8]
    private let templateName: String
    private var position = 0
    private var line = 1
    private var lineStartPosition = 0
    private var openDelimiter: [UInt8] = Array("{{".utf8)
    private var closeDelimiter: [UInt8] = Array("}}".utf8)
    private var tokens: [Token] = []
    private var opened: [Open] = []
    /// A standalone block site whose override indentation comes from the next line.
    private var pendingSiteToken: Int?
    private var tokenIndex = 0

    /// Compiles `source`; errors name `templateName`.
    static func parse(_ source: String, templateName: String) throws(MustacheError) -> [MustacheNode] {
        var parser = MustacheParser(bytes: Array(source.utf8), templateName: templateName)
        try parser.tokenize()
        return parser.build()
    }

    private init(bytes: [UInt8], templateName: String) {
        self.bytes = bytes
        self.templateName = templateName
    }

    // MARK: Reading lines

    private mutating func tokenize() throws(MustacheError) {
        while true {
            removeDefinitionIndentation()
            let lineStart = position
            var items: [Item] = []
            var newline: Range<Int>?
            var index = position
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\n") {
                    let end = index > position && bytes[index - 1] == UInt8(ascii: "\r") ? index - 1 : index
                    if end > position { items.append(.text(position..<end)) }
                    newline = end..<(index + 1)
                    position = index + 1
                    break
                }
                if byte == openDelimiter[0] && matches(openDelimiter, at: index) {
                    if index > position { items.append(.text(position..<index)) }
                    items.append(.tag(try readTag(at: index)))
                    index = position
                    continue
                }
                index += 1
            }
            if newline == nil {
                if bytes.count > position { items.append(.text(position..<bytes.count)) }
                position = bytes.count
            }
            if newline == nil, items.isEmpty, position == lineStart { break }
            settleLine(items, newline: newline)
            if let newline {
                line += 1
                lineStartPosition = newline.upperBound
            } else {
                break
            }
        }
        if let open = opened.last {
            throw .unclosedSection(
                open.name, closeTag: closeTag(open.name),
                at: location(line: open.line, column: open.column))
        }
    }

    /// Inside a block definition, lines lose the indentation the definition's first line had, so
    /// the block can be re-indented where it is expanded.
    private mutating func removeDefinitionIndentation() {
        guard let top = opened.lastIndex(where: { $0.kind == .blockDefinition }) else { return }
        var end = position
        while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") { end += 1 }
        guard let dedent = opened[top].dedent else {
            opened[top].dedent = Array(bytes[position..<end])
            position = end
            return
        }
        var count = 0
        while count < dedent.count, position + count < end, bytes[position + count] == dedent[count] { count += 1 }
        position += count
    }

    /// Decides whether the line is standalone and turns its items into tokens.
    private mutating func settleLine(_ items: [Item], newline: Range<Int>?) {
        let leading = leadingWhitespace(items)
        if let pending = pendingSiteToken, case .tag(var tag) = tokens[pending] {
            tag.indentation = leading
            tokens[pending] = .tag(tag)
            pendingSiteToken = nil
        }
        var tagCount = 0
        var standalone = true
        var shareable = true
        for item in items {
            switch item {
            case .text(let range):
                if !isWhitespace(range) { standalone = false }
            case .tag(let tag):
                tagCount += 1
                if !tag.isSilent { standalone = false }
                if !tag.mayShareStandaloneLine { shareable = false }
            }
        }
        if standalone, tagCount == 1 || (tagCount > 1 && shareable) {
            for case .tag(var tag) in items {
                tag.isStandalone = true
                tag.indentation = leading
                tokens.append(.tag(tag))
                if tag.kind == .blockSite {
                    // The override's indentation is the default content's, on the next line.
                    pendingSiteToken = newline == nil ? nil : tokens.count - 1
                }
            }
            return
        }
        tokens.append(.lineStart)
        var onlyWhitespaceSoFar = true
        for item in items {
            switch item {
            case .text(let range):
                tokens.append(.text(Array(bytes[range])))
                if !isWhitespace(range) { onlyWhitespaceSoFar = false }
            case .tag(var tag):
                if tag.kind == .blockSite, onlyWhitespaceSoFar { tag.indentation = leading }
                tokens.append(.tag(tag))
                onlyWhitespaceSoFar = false
            }
        }
        if let newline { tokens.append(.text(Array(bytes[newline]))) }
    }

    private func leadingWhitespace(_ items: [Item]) -> [UInt8] {
        guard case .text(let range) = items.first else { return [] }
        var end = range.lowerBound
        while end < range.upperBound, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") { end += 1 }
        return Array(bytes[range.lowerBound..<end])
    }

    private func isWhitespace(_ range: Range<Int>) -> Bool {
        bytes[range].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    // MARK: Reading tags

    private mutating func readTag(at start: Int) throws(MustacheError) -> Tag {
        let tagLine = line
        let tagColumn = column(of: start)
        let here = location(line: tagLine, column: tagColumn)
        var contentStart = start + openDelimiter.count
        let sigil = contentStart < bytes.count ? bytes[contentStart] : 0
        let terminator: [UInt8]
        switch sigil {
        case UInt8(ascii: "{"): terminator = [UInt8(ascii: "}")] + closeDelimiter
        case UInt8(ascii: "="): terminator = [UInt8(ascii: "=")] + closeDelimiter
        default: terminator = closeDelimiter
        }
        if "#^/!>&{=<$".utf8.contains(sigil) { contentStart += 1 }
        guard let contentEnd = find(terminator, from: contentStart) else {
            if sigil == UInt8(ascii: "{"), find(closeDelimiter, from: contentStart) != nil {
                throw .unclosedTriple(close: closeText, at: here)
            }
            throw .unclosedTag(close: closeText, at: here)
        }
        position = contentEnd + terminator.count
        // A tag may span lines (multi-line comments); keep line numbers right after it.
        for index in start..<position where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStartPosition = index + 1
        }
        let content = String(decoding: bytes[contentStart..<contentEnd], as: UTF8.self)
        var tag = Tag(kind: .comment, name: "", line: tagLine, column: tagColumn)
        switch sigil {
        case UInt8(ascii: "!"):
            return tag
        case UInt8(ascii: "="):
            tag.kind = .delimiters
            try setDelimiters(content, at: here)
            return tag
        case UInt8(ascii: "#"): tag.kind = .section
        case UInt8(ascii: "^"): tag.kind = .inverted
        case UInt8(ascii: ">"): tag.kind = .partial
        case UInt8(ascii: "<"): tag.kind = .parent
        case UInt8(ascii: "$"):
            tag.kind = opened.last?.kind == .parent ? .blockDefinition : .blockSite
        case UInt8(ascii: "/"): tag.kind = .close(of: .section)
        case UInt8(ascii: "&"), UInt8(ascii: "{"): tag.kind = .variable(escaped: false)
        default: tag.kind = .variable(escaped: true)
        }
        var name = content.trimmingWhitespace
        if tag.kind == .partial || tag.kind == .parent, name.hasPrefix("*") {
            tag.isDynamic = true
            name = String(name.dropFirst()).trimmingWhitespace
        }
        guard !name.isEmpty else { throw .emptyTag(at: here) }
        guard !name.utf8.contains(where: { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) else {
            throw .badName(name, at: here)
        }
        tag.name = name
        switch tag.kind {
        case .section: open(.section, tag)
        case .inverted: open(.inverted, tag)
        case .parent: open(.parent, tag)
        case .blockDefinition: open(.blockDefinition, tag)
        case .blockSite: open(.blockSite, tag)
        case .close:
            guard let top = opened.popLast() else { throw .unopenedClose(name, at: here) }
            guard top.name == name else {
                throw .mismatchedClose(
                    name, open: top.name, openLine: top.line, closeTag: closeTag(top.name), at: here)
            }
            tag.kind = .close(of: top.kind)
        default: break
        }
        return tag
    }

    private mutating func open(_ kind: OpenKind, _ tag: Tag) {
        opened.append(Open(kind: kind, name: tag.name, line: tag.line, column: tag.column))
    }

    private mutating func setDelimiters(_ content: String, at here: MustacheLocation) throws(MustacheError) {
        let parts = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
            throw .badDelimiters(content, at: here)
        }
        openDelimiter = Array(parts[0].utf8)
        closeDelimiter = Array(parts[1].utf8)
    }

    private func matches(_ needle: [UInt8], at index: Int) -> Bool {
        guard index + needle.count <= bytes.count else { return false }
        for offset in 0..<needle.count where bytes[index + offset] != needle[offset] { return false }
        return true
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], matches(needle, at: index) { return index }
            index += 1
        }
        return nil
    }

    private func column(of index: Int) -> Int {
        // Count scalars, not bytes: skip UTF-8 continuation bytes.
        var column = 1
        for byte in bytes[lineStartPosition..<index] where byte & 0xC0 != 0x80 { column += 1 }
        return column
    }

    private func location(line: Int, column: Int) -> MustacheLocation {
        MustacheLocation(template: templateName, line: line, column: column)
    }

    private var closeText: String { String(decoding: closeDelimiter, as: UTF8.self) }

    private func closeTag(_ name: String) -> String {
        String(decoding: openDelimiter, as: UTF8.self) + "/" + name + closeText
    }

    // MARK: Building nodes

    private mutating func build() -> [MustacheNode] {
        var nodes: [MustacheNode] = []
        var text: [UInt8] = []
        var lineStartAfterText = false
        func flush() {
            if !text.isEmpty { nodes.append(.text(text)) }
            if lineStartAfterText { nodes.append(.lineStart) }
            text = []
            lineStartAfterText = false
        }
        while tokenIndex < tokens.count {
            let token = tokens[tokenIndex]
            tokenIndex += 1
            switch token {
            case .text(let bytes):
                // A line start between two texts becomes a newline inside one text node.
                if lineStartAfterText { lineStartAfterText = false }
                text.append(contentsOf: bytes)
            case .lineStart:
                if text.last == UInt8(ascii: "\n") && !lineStartAfterText {
                    lineStartAfterText = true
                } else {
                    flush()
                    nodes.append(.lineStart)
                }
            case .tag(let tag):
                flush()
                if case .close = tag.kind { return nodes }
                if let node = node(for: tag) { nodes.append(node) }
            }
        }
        flush()
        return nodes
    }

    private mutating func node(for tag: Tag) -> MustacheNode? {
        let name = MustacheName(tag.name, line: tag.line, column: tag.column)
        switch tag.kind {
        case .variable(let escaped):
            return .variable(name, escaped: escaped)
        case .section, .inverted:
            return .section(name, body: build(), inverted: tag.kind == .inverted)
        case .partial:
            return .partial(MustachePartialSite(
                name: name, isDynamic: tag.isDynamic,
                indentation: tag.isStandalone ? tag.indentation : nil, overrides: nil))
        case .parent:
            return .partial(MustachePartialSite(
                name: name, isDynamic: tag.isDynamic,
                indentation: tag.isStandalone ? tag.indentation : nil, overrides: buildOverrides()))
        case .blockSite:
            return .block(MustacheBlockSite(
                name: name, defaultBody: build(), indentation: tag.indentation, isStandalone: tag.isStandalone))
        case .blockDefinition, .close, .comment, .delimiters:
            return nil
        }
    }

    /// The content of a parent tag: only its block definitions count; other text and tags are
    /// ignored, as the spec says.
    private mutating func buildOverrides() -> [String: [MustacheNode]] {
        var overrides: [String: [MustacheNode]] = [:]
        while tokenIndex < tokens.count {
            let token = tokens[tokenIndex]
            tokenIndex += 1
            guard case .tag(let tag) = token else { continue }
            switch tag.kind {
            case .close: return overrides
            case .blockDefinition: overrides[tag.name] = build()
            case .section, .inverted, .blockSite: _ = build()
            case .parent: _ = buildOverrides()
            default: break
            }
        }
        return overrides
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
