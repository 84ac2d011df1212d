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
