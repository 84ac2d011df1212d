/// Renders the part of Discord's markdown a devlog uses (headings, subtext, lists, quotes, code blocks,
/// bold, italics, underline, strike-through, inline code, spoilers) to HTML. Every character of the
/// input is HTML-escaped before any tag is added, so user text can never inject markup.
enum SandboxMarkdown {
    static func html(_ markdown: String) -> String {
        var output: [String] = []
        var openList: String?
        var codeBlock: [String]?

        func closeList() {
            if let list = openList { output.append("</\(list)>") }
            openList = nil
        }

        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                if let code = codeBlock {
                    output.append("<pre><code>\(escape(code.joined(separator: "\n")))</code></pre>")
                    codeBlock = nil
                } else {
                    closeList()
                    codeBlock = []
                }
                continue
            }
            if codeBlock != nil {
                codeBlock?.append(line)
                continue
            }
            if let item = listItem(line, marker: ["- ", "* "]) {
                if openList != "ul" { closeList(); output.append("<ul>"); openList = "ul" }
                output.append("<li>\(inline(item))</li>")
                continue
            }
            if let item = orderedItem(line) {
                if openList != "ol" { closeList(); output.append("<ol>"); openList = "ol" }
                output.append("<li>\(inline(item))</li>")
                continue
            }
            closeList()
            if let (level, text) = heading(line) {
                output.append("<h\(level)>\(inline(text))</h\(level)>")
            } else if line.hasPrefix("-# ") {
                output.append("<div class=\"subtext\">\(inline(String(line.dropFirst(3))))</div>")
            } else if line.hasPrefix("> ") {
                output.append("<blockquote>\(inline(String(line.dropFirst(2))))</blockquote>")
            } else if line.isEmpty {
                output.append("<br>")
            } else {
                output.append("<div>\(inline(line))</div>")
            }
        }
        if let code = codeBlock {
            // An unclosed fence shows as Discord shows it: literally.
            output.append("<div>```</div>" + code.map { "<div>\(escape($0))</div>" }.joined())
        }
        closeList()
        return output.joined(separator: "\n")
    }

    /// HTML-escapes text for element content and quoted attribute values.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    private static func heading(_ line: String) -> (Int, String)? {
        for level in 1...3 where line.hasPrefix(String(repeating: "#", count: level) + " ") {
            return (level, String(line.dropFirst(level + 1)))
        }
        return nil
    }

    private static func listItem(_ line: String, marker: [String]) -> String? {
        let trimmed = line.drop { $0 == " " }
        for prefix in marker where trimmed.hasPrefix(prefix) {
            return String(trimmed.dropFirst(prefix.count))
        }
        return nil
    }

    private static func orderedItem(_ line: String) -> String? {
        let trimmed = line.drop { $0 == " " }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, trimmed.dropFirst(digits.count).hasPrefix(". ") else { return nil }
        return String(trimmed.dropFirst(digits.count + 2))
    }

    /// Inline styles; text between backticks is code and gets no other styling.
    private static func inline(_ text: String) -> String {
        let pieces = text.split(separator: "`", omittingEmptySubsequences: false)
        var result = ""
        for (index, piece) in pieces.enumerated() {
            let isCode = index % 2 == 1 && index < pieces.count - 1
            if isCode {
                result += "<code>\(escape(String(piece)))</code>"
            } else {
                if index % 2 == 1 { result += "`" }
                result += styled(escape(String(piece)))
            }
        }
        return result
    }

    /// Applies emphasis to already-escaped text (the markers are not HTML-special, so escaping first is safe).
    private static func styled(_ escaped: String) -> String {
        escaped
            .replacing(/\*\*(.+?)\*\*/) { "<strong>\($0.1)</strong>" }
            .replacing(/__(.+?)__/) { "<u>\($0.1)</u>" }
            .replacing(/~~(.+?)~~/) { "<s>\($0.1)</s>" }
            .replacing(/\|\|(.+?)\|\|/) { "<span class=\"spoiler\">\($0.1)</span>" }
            .replacing(/\*(.+?)\*/) { "<em>\($0.1)</em>" }
            .replacing(/\b_(.+?)_\b/) { "<em>\($0.1)</em>" }
    }
}
