public import DevlogModel
public import DevlogMustache

/// Renders devlogs to DEVLOG v3.1 markdown with the default templates, overridden per name by
/// the `NAME.mustache` files of a templates folder.
///
/// Output is markdown: nothing is HTML-escaped.
public struct DevlogRenderer: Sendable {
    /// The templates in use.
    public let library: MustacheLibrary
    /// The template names a templates folder replaced, sorted.
    public let overridden: [String]

    /// A renderer with the default templates, overridden by `templatesDirectory` when given.
    /// - Throws: `MustacheError` naming file, line and column for a template that does not parse.
    public init(templatesDirectory: String? = nil) throws(MustacheError) {
        var library = try DefaultTemplates.library()
        overridden = try templatesDirectory.map { directory throws(MustacheError) in
            try library.loadOverrides(fromDirectory: directory)
        } ?? []
        self.library = library
    }

    /// The devlog as markdown.
    public func render(_ devlog: Devlog) throws(MustacheError) -> String {
        try library.render(DefaultTemplates.root, context: DevlogContext.make(for: devlog), escaping: .none) ?? ""
    }

    /// Renders and returns every name the templates used that the context did not have, so
    /// `devlog check --templates` can report keys a template expects but never gets.
    public func misses(rendering devlog: Devlog) throws(MustacheError) -> [MustacheMiss] {
        var misses: [MustacheMiss] = []
        _ = try library.render(DefaultTemplates.root, context: DevlogContext.make(for: devlog), escaping: .none, misses: &misses)
        return misses
    }
}
