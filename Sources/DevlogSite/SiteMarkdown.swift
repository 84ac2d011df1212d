import Ink

/// A devlog's markdown as HTML, through Ink (tables included).
///
/// HTML written in a devlog is shown as text, not passed through: a devlog is an agent's text,
/// and a page must not run or be reshaped by what an agent wrote.
enum SiteMarkdown {
    /// The HTML of `markdown`.
    static func html(_ markdown: String) -> String {
        var parser = MarkdownParser()
        parser.addModifier(Modifier(target: .html) { input in SiteHTML.escape(String(input.markdown)) })
        return parser.html(from: markdown)
    }
}
