import Ink

/// A devlog's markdown as HTML, through Ink (tables included).
///
/// HTML written in a devlog is shown as text, not passed through: a devlog is an agent's text,
/// and a page must not run or be reshaped by what an agent wrote. Ink writes a link's or an
/// image's address, an image's text and a code block's language into attributes as written, so a
/// `"` there would add attributes: each is taken back out of Ink's HTML and written again escaped.
/// A link or image leading to a scheme other than http, https or mailto (`javascript:`), or a link
/// whose address cannot be told apart from its text for certain, is shown as its markdown.
enum SiteMarkdown {
    /// The HTML of `markdown`.
    static func html(_ markdown: String) -> String {
        var parser = MarkdownParser()
        parser.addModifier(Modifier(target: .html) { input in SiteHTML.escape(String(input.markdown)) })
        parser.addModifier(Modifier(target: .links, closure: link))
        parser.addModifier(Modifier(target: .images, closure: image))
        parser.addModifier(Modifier(target: .codeBlocks, closure: codeBlock))
        return parser.html(from: markdown)
    }

    /// Ink's `<a href="ADDRESS">TEXT</a>`, its address escaped.
    ///
    /// Ink escapes `>` in text and the modifiers here in attributes, so in TEXT `">` only ends a
    /// tag of a link inside the link (which HTML does not allow). One `">` is therefore where
    /// the address ends, whatever it holds; more, and the link is shown as text.
    private static func link(_ input: Modifier.Input) -> String {
        let parts = input.html.dropFirst("<a href=\"".count).dropLast("</a>".count)
            .split(separator: "\">", omittingEmptySubsequences: false)
        guard parts.count == 2, isAllowed(parts[0]) else { return SiteHTML.escape(String(input.markdown)) }
        return "<a href=\"\(SiteHTML.escape(String(parts[0])))\">\(parts[1])</a>"
    }

    /// Ink's `<img src="ADDRESS"/>` or `<img src="ADDRESS" alt="TEXT"/>`, both escaped.
    ///
    /// Either may hold `" alt="`; the first is taken as the boundary. A wrong guess only moves
    /// characters between the two escaped values: it can add nothing to the element.
    private static func image(_ input: Modifier.Input) -> String {
        let body = input.html.dropFirst("<img src=\"".count).dropLast("\"/>".count)
        let boundary = body.firstRange(of: "\" alt=\"")
        let address = boundary.map { body[..<$0.lowerBound] } ?? body
        guard isAllowed(address) else { return SiteHTML.escape(String(input.markdown)) }
        let text = boundary.map { alternative(body[$0.upperBound...]) } ?? ""
        return "<img src=\"\(SiteHTML.escape(String(address)))\" alt=\"\(text)\"/>"
    }

    /// Ink's `<pre><code class="language-LANGUAGE">CODE</code></pre>`, its language escaped. Ink
    /// escapes `>` in CODE, so the last `">` is where the language ends.
    private static func codeBlock(_ input: Modifier.Input) -> String {
        let opening = "<pre><code class=\"language-"
        guard input.html.hasPrefix(opening), let end = input.html.ranges(of: "\">").last else { return input.html }
        let language = input.html[input.html.index(input.html.startIndex, offsetBy: opening.count)..<end.lowerBound]
        return "<pre><code class=\"language-\(SiteHTML.escape(String(language)))\">\(input.html[end.upperBound...])"
    }

    /// An image's text, HTML from Ink, as an attribute value: its tags dropped (Ink escapes `<` in
    /// text, so every `<` starts one) and its quotes escaped; its entities stay as Ink wrote them.
    private static func alternative(_ html: Substring) -> String {
        var text = ""
        var inTag = false
        for character in html {
            switch character {
            case "<": inTag = true
            case ">" where inTag: inTag = false
            case "\"" where !inTag: text += "&quot;"
            default: if !inTag { text.append(character) }
            }
        }
        return text
    }

    /// Whether a page may lead to `address`: a relative address, or an http, https or mailto one.
    private static func isAllowed(_ address: Substring) -> Bool {
        // Browsers drop spaces and control characters in and around a scheme: `java\tscript:` runs.
        let significant = String(String.UnicodeScalarView(address.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
            .lowercased()
        guard let colon = significant.firstIndex(of: ":") else { return true }
        if let path = significant.firstIndex(where: { "/?#".contains($0) }), path < colon { return true }
        return ["http", "https", "mailto"].contains(significant[..<colon])
    }
}
