/// A template that cannot be parsed, or a render that cannot finish.
///
/// The description starts with `template:line:column:` and says what to change.
public struct MustacheError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case unclosedTag(close: String)
        case unclosedTriple(close: String)
        case emptyTag
        case unclosedSection(name: String, closeTag: String)
        case unopenedClose(name: String)
        case mismatchedClose(name: String, open: String, openLine: Int, closeTag: String)
        case badDelimiters(content: String)
        case badName(name: String)
        case unreadableFile(reason: String)
        case tooDeep(limit: Int)
    }

    private let code: Code
    /// Where the problem is.
    public let location: MustacheLocation

    private init(_ code: Code, at location: MustacheLocation) {
        self.code = code
        self.location = location
    }

    static func unclosedTag(close: String, at location: MustacheLocation) -> Self {
        Self(.unclosedTag(close: close), at: location)
    }

    static func unclosedTriple(close: String, at location: MustacheLocation) -> Self {
        Self(.unclosedTriple(close: close), at: location)
    }

    static func emptyTag(at location: MustacheLocation) -> Self { Self(.emptyTag, at: location) }

    static func unclosedSection(_ name: String, closeTag: String, at location: MustacheLocation) -> Self {
        Self(.unclosedSection(name: name, closeTag: closeTag), at: location)
    }

    static func unopenedClose(_ name: String, at location: MustacheLocation) -> Self {
        Self(.unopenedClose(name: name), at: location)
    }

    static func mismatchedClose(
        _ name: String, open: String, openLine: Int, closeTag: String, at location: MustacheLocation
    ) -> Self {
        Self(.mismatchedClose(name: name, open: open, openLine: openLine, closeTag: closeTag), at: location)
    }

    static func badDelimiters(_ content: String, at location: MustacheLocation) -> Self {
        Self(.badDelimiters(content: content), at: location)
    }

    static func badName(_ name: String, at location: MustacheLocation) -> Self {
        Self(.badName(name: name), at: location)
    }

    static func unreadableFile(_ path: String, reason: String) -> Self {
        Self(.unreadableFile(reason: reason), at: MustacheLocation(template: path, line: 1, column: 1))
    }

    static func tooDeep(limit: Int, at location: MustacheLocation) -> Self {
        Self(.tooDeep(limit: limit), at: location)
    }

    /// `template:line:column: problem; fix`.
    public var description: String {
        "\(location): \(message)"
    }

    private var message: String {
        switch code {
        case .unclosedTag(let close):
            "tag is never closed; add \(close)"
        case .unclosedTriple(let close):
            "triple mustache is never closed; end it with }\(close)"
        case .emptyTag:
            "tag has no name; write a name between the delimiters"
        case .unclosedSection(let name, let closeTag):
            "section \"\(name)\" is never closed; add \(closeTag)"
        case .unopenedClose(let name):
            "closing tag for \"\(name)\" has no open section; remove it or open the section before"
        case .mismatchedClose(let name, let open, let openLine, let closeTag):
            "closing tag for \"\(name)\" does not match the open section \"\(open)\" from line \(openLine); close it with \(closeTag) first"
        case .badDelimiters(let content):
            "bad set-delimiter tag \"\(content)\"; write two delimiters without spaces or '=' inside, e.g. {{=<% %>=}}"
        case .badName(let name):
            "tag name \"\(name)\" contains whitespace; use one name (dotted names like a.b are fine)"
        case .unreadableFile(let reason):
            "cannot read template file: \(reason)"
        case .tooDeep(let limit):
            "partials nest deeper than \(limit) levels; a partial probably includes itself without a guarding section"
        }
    }
}

/// A position in a template's source: the template's name (or file path), 1-based line and column.
///
/// Columns count Unicode scalars, so they match what an editor shows for non-ASCII text.
public struct MustacheLocation: Sendable, Hashable, CustomStringConvertible {
    /// The template's name, or its file path when it was loaded from a file.
    public var template: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column.
    public var column: Int

    /// A location in `template` at `line`:`column`.
    public init(template: String, line: Int, column: Int) {
        self.template = template
        self.line = line
        self.column = column
    }

    /// `template:line:column`, the form compilers and editors understand.
    public var description: String { "\(template):\(line):\(column)" }
}
