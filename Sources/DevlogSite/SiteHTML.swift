/// The page frame and HTML escaping every page shares.
enum SiteHTML {
    /// Scripts, frames and remote content are refused by the page itself: only the site's own
    /// style sheet loads.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:"

    /// `text` safe in element content and in a double-quoted attribute.
    static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "<" || $0 == ">" || $0 == "&" || $0 == "\"" || $0 == "'" }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A whole page: `root` is the way back to the site's folder (`""` or `"../"`).
    static func page(title: String, root: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)"/>
        <title>\(escape(title))</title>
        <link rel="stylesheet" href="\(root)style.css"/>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// A link.
    static func link(_ href: String, _ text: String) -> String {
        "<a href=\"\(escape(href))\">\(escape(text))</a>"
    }

    /// The site's style sheet: readable without it, clearer with it.
    static let styleSheet = """
        body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1b1f24; background: #fff; }
        a { color: #0a58ca; }
        nav { margin-bottom: 1rem; }
        table { border-collapse: collapse; margin: 0.5rem 0; }
        th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
        pre { background: #f6f8fa; padding: 0.5rem; overflow-x: auto; }
        .facts { background: #f6f8fa; padding: 0.5rem 1rem; }
        figure.chart { margin: 1.5rem 0; }
        figure.chart svg { max-width: 100%; height: auto; background: #fff; }
        .chart .axis { stroke: #57606a; stroke-width: 1; }
        .chart .grid { stroke: #d0d7de; stroke-width: 1; }
        .chart .line { fill: none; stroke: #0a58ca; stroke-width: 2; }
        .chart .dot { fill: #0a58ca; }
        .chart text { font-size: 12px; fill: #57606a; }
        details { margin-top: 0.25rem; }

        """
}
