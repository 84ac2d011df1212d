/// One step of a compiled template. Text is kept as UTF-8 bytes so rendering is a byte copy, and
/// every name is split into its dotted parts at parse time.
enum MustacheNode: Sendable {
    /// Literal text; a newline inside it (not at its end) starts a line that gets indented.
    case text([UInt8])
    /// A line of the template starts here: write the current partial indentation.
    case lineStart
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}`.
    case variable(MustacheName, escaped: Bool)
    /// `{{#name}}…{{/name}}` or, when `inverted`, `{{^name}}…{{/name}}`.
    case section(MustacheName, body: [MustacheNode], inverted: Bool)
    /// `{{>name}}` or `{{<name}}…{{/name}}`.
    case partial(MustachePartialSite)
    /// `{{$name}}default{{/name}}` outside a parent tag: a place a parent's caller may fill.
    case block(MustacheBlockSite)
}

/// A name as written in a tag, split once into its dotted parts.
final class MustacheName: Sendable {
    /// The name as written (`a.b`, or `.`).
    let text: String
    /// The dotted parts; empty for the implicit iterator `.`.
    let parts: [String]
    /// Where the tag starts (for misses and references).
    let line: Int
    let column: Int

    init(_ text: String, line: Int, column: Int) {
        self.text = text
        self.parts = text == "." ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        self.line = line
        self.column = column
    }
}

/// A partial or parent tag.
final class MustachePartialSite: Sendable {
    /// The partial's name, or for `{{>*name}}` the context name holding it.
    let name: MustacheName
    let isDynamic: Bool
    /// The whitespace before a standalone tag, added to every line of the partial; `nil` inline.
    let indentation: [UInt8]?
    /// Block overrides given inside a parent tag; `nil` for a plain partial.
    let overrides: [String: [MustacheNode]]?

    init(name: MustacheName, isDynamic: Bool, indentation: [UInt8]?, overrides: [String: [MustacheNode]]?) {
        self.name = name
        self.isDynamic = isDynamic
        self.indentation = indentation
        self.overrides = overrides
    }
}

/// A block tag outside a parent tag.
final class MustacheBlockSite: Sendable {
    let name: MustacheName
    let defaultBody: [MustacheNode]
    /// Indentation for an override's lines: from the default content when the tag stands alone,
    /// from the whitespace before the tag when it is inline.
    let indentation: [UInt8]
    let isStandalone: Bool

    init(name: MustacheName, defaultBody: [MustacheNode], indentation: [UInt8], isStandalone: Bool) {
        self.name = name
        self.defaultBody = defaultBody
        self.indentation = indentation
        self.isStandalone = isStandalone
    }
}
