@testable import DevlogSite
import DevlogTestSupport
import Testing

/// A devlog is hostile input: its links, images and code blocks reach attributes, and what they
/// hold must stay inside them. Each page is read back by Python's HTML parser, as a browser would.
@Suite struct SiteMarkdownTests {
    /// The elements Ink writes and the attributes each may have.
    private static let allowed: [String: Set<String>] = [
        "a": ["href"], "img": ["src", "alt"], "code": ["class"], "ol": ["start"], "th": ["align"], "td": ["align"],
        "p": [], "pre": [], "em": [], "strong": [], "s": [], "br": [], "hr": [], "blockquote": [], "ul": [], "li": [],
        "table": [], "thead": [], "tbody": [], "tr": [], "h1": [], "h2": [], "h3": [],
    ]

    /// The HTML of `markdown` and its elements, having checked each element is one Ink writes,
    /// with only the attributes it writes, none twice.
    private static func read(_ markdown: String) throws -> (html: String, elements: [HTMLCheck.Element]) {
        let html = SiteMarkdown.html(markdown)
        let elements = try HTMLCheck.elements(in: html)
        for element in elements {
            let names = Set(element.names)
            #expect(allowed[element.tag].map(names.isSubset(of:)) == true, "\(element) in \(html)")
            #expect(names.count == element.names.count, "an attribute twice: \(element) in \(html)")
        }
        return (html, elements)
    }

    @Test(arguments: [
        ("[x](http://a\" onmouseover=\"alert(1))", "http://a\" onmouseover=\"alert(1)"),
        ("[x](http://a'onmouseover='alert(1)')", "http://a'onmouseover='alert(1)'"),
        ("[x](http://a/<b>)", "http://a/<b>"),
        ("[x](a\"b)", "a\"b"),
        // An entity is not decoded into a scheme: the address is the text as written.
        ("[x](javascript&#58;alert(1))", "javascript&#58;alert(1)"),
        ("[x][r]\n\n[r]: http://a\" onclick=\"alert(1)", "http://a\" onclick=\"alert(1)"),
        ("[x][a\" onclick=\"b]", "a\" onclick=\"b"),
    ])
    func aLinksAddressStaysInItsHref(_ markdown: String, _ href: String) throws {
        let (html, elements) = try Self.read(markdown)
        #expect(elements.filter { $0.tag == "a" }.map { $0.value("href") } == [href], "\(html)")
        #expect(html.hasSuffix(">x</a></p>"))
    }

    @Test(arguments: [
        "[x](http://a\"><img src=x onerror=alert(1)>)",
        "[x](javascript:alert(1))",
        "[x](JavaScript:alert(1))",
        "[x]( java\tscript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html,<script>alert(1)</script>)",
        "![x](javascript:alert(1))",
        // A link in a link's text, which HTML does not allow.
        "[a [b](c)](d)",
    ])
    func aLinkThatCannotBeWrittenSafelyIsShownAsText(_ markdown: String) throws {
        // Text first, so that an image is in a paragraph too.
        let (html, elements) = try Self.read("See \(markdown)")
        #expect(elements.map(\.tag) == ["p"])
        #expect(html == "<p>See \(SiteHTML.escape(markdown))</p>")
    }

    @Test(arguments: [
        ("![x](a.png\" onerror=\"alert(1))", "a.png\" onerror=\"alert(1)", "x"),
        ("![x\" onerror=\"alert(1)](a.png)", "a.png", "x\" onerror=\"alert(1)"),
        ("![x](a.png\"/><script>alert(1)</script>)", "a.png\"/><script>alert(1)</script>", "x"),
        ("![](a.png\" onerror=\"alert(1))", "a.png\" onerror=\"alert(1)", ""),
        ("![x\" alt=\"y](a.png)", "a.png", "x\" alt=\"y"),
        // The text's markup is dropped and its characters kept.
        ("![*a* & \"b\" > `c`](a.png)", "a.png", "a & \"b\" > c"),
    ])
    func anImagesAddressAndTextStayInTheirAttributes(_ markdown: String, _ src: String, _ alt: String) throws {
        let (html, elements) = try Self.read("See \(markdown)")
        let images = elements.filter { $0.tag == "img" }
        #expect(images.map { $0.value("src") } == [src] && images.map { $0.value("alt") } == [alt], "\(html)")
        #expect(elements.map(\.tag) == ["p", "img"])
    }

    @Test(arguments: [
        ("```x\" onclick=\"alert(1)\n<b>\n```", "language-x\" onclick=\"alert(1)"),
        ("```x\"><script>alert(1)</script>\n\"a\" > b\n```", "language-x\"><script>alert(1)</script>"),
        ("```python\nprint(\"a\")\n```", "language-python"),
    ])
    func aCodeBlocksLanguageStaysInItsClass(_ markdown: String, _ language: String) throws {
        let (html, elements) = try Self.read(markdown)
        #expect(elements.map(\.tag) == ["pre", "code"], "\(html)")
        #expect(elements.last?.value("class") == language)
    }

    @Test func ordinaryLinksImagesAndCodeAreKept() throws {
        let markdown = """
            See [Ink](https://github.com/JohnSundell/Ink?a=1&b=2), [the guide](docs/site.md#links),
            [mail](mailto:a@example.com), [**bold** `code`](http://a) and [a page](https://en.wikipedia.org/wiki/Ink_(disambiguation)).

            [![badge](ci/badge.svg)](https://example.com/ci) ![a "quoted" chart](charts/one.png) [ref][Docs]

            [docs]: https://example.com/docs

            ```
            <plain>
            ```

            """
        let (html, elements) = try Self.read(markdown)
        #expect(elements.compactMap { $0.value("href") } == ["https://github.com/JohnSundell/Ink?a=1&b=2", "docs/site.md#links",
                                                            "mailto:a@example.com", "http://a", "https://en.wikipedia.org/wiki/Ink_(disambiguation)",
                                                            "https://example.com/ci", "https://example.com/docs"])
        #expect(elements.compactMap { $0.value("src") } == ["ci/badge.svg", "charts/one.png"])
        #expect(elements.compactMap { $0.value("alt") } == ["badge", "a \"quoted\" chart"])
        #expect(html.contains(">Ink</a>") && html.contains("><strong>bold</strong> <code>code</code></a>"))
        #expect(html.contains("<a href=\"https://example.com/ci\"><img src=\"ci/badge.svg\" alt=\"badge\"/></a>"))
        #expect(html.contains("<pre><code>&lt;plain&gt;\n</code></pre>"))
    }
}
