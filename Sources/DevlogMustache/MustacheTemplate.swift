/// A compiled Mustache template: parse once, render many times.
///
/// ```swift
/// let template = try MustacheTemplate("Hello {{name}}", name: "greeting")
/// let text = try template.render(["name": "Ada"], escaping: .none)
/// ```
public struct MustacheTemplate: Sendable {
    /// The name errors and misses report: a library name or a file path.
    public let name: String
    let nodes: [MustacheNode]

    /// Compiles `source`.
    /// - Parameters:
    ///   - source: The template text.
    ///   - name: The name (or file path) used in error messages and misses.
    /// - Throws: `MustacheError` naming `name`, line and column for a syntax error.
    public init(_ source: String, name: String = "template") throws(MustacheError) {
        self.name = name
        self.nodes = try MustacheParser.parse(source, templateName: name)
    }

    /// Renders the template against `context`.
    /// - Parameters:
    ///   - context: The root of the context stack.
    ///   - library: Where `{{>partial}}` and `{{<parent}}` names are looked up; a missing
    ///     partial renders as nothing, as the spec says.
    ///   - escaping: How `{{name}}` is escaped; `.html` is the spec's default.
    /// - Throws: `MustacheError` when partials nest deeper than `MustacheRenderer.depthLimit`.
    public func render(
        _ context: MustacheValue, library: MustacheLibrary? = nil, escaping: MustacheEscaping = .html
    ) throws(MustacheError) -> String {
        var renderer = MustacheRenderer(context: context, library: library, escaping: escaping, recordsMisses: false)
        try renderer.render(self)
        return renderer.output
    }

    /// Renders like `render(_:library:escaping:)` and appends to `misses` every name that
    /// resolved to nothing, so a checker can report keys the context lacks.
    ///
    /// Recording is a separate call so plain renders never pay for it.
    public func render(
        _ context: MustacheValue, library: MustacheLibrary? = nil, escaping: MustacheEscaping = .html,
        misses: inout [MustacheMiss]
    ) throws(MustacheError) -> String {
        var renderer = MustacheRenderer(context: context, library: library, escaping: escaping, recordsMisses: true)
        try renderer.render(self)
        misses.append(contentsOf: renderer.misses)
        return renderer.output
    }
}
