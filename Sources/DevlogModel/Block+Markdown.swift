extension Block {
    /// The block as markdown: the lines as written when it was imported and never changed,
    /// otherwise its canonical form. No trailing newline.
    public var markdown: String { raw ?? canonicalMarkdown }

    /// The block written the way the default template writes it.
    ///
    /// The markdown importer keeps a block's parsed parts only when they write back to exactly the
    /// line read, which is what makes import → generate a byte-for-byte round trip. The default
    /// templates in templates/ write the same shapes; a test holds the two together.
    public var canonicalMarkdown: String {
        switch kind {
        case .title: return "# " + value
        case .section: return label.isEmpty ? "## **\(value)**" : "## \(label) **\(value)**"
        case .subsection: return "### " + value
        case .field, .metric: return value.isEmpty ? "\(indent)\(marker) **\(label):**" : "\(indent)\(marker) **\(label):** \(value)"
        case .task:
            let head = "\(indent)\(marker) **\(label):** \(value)"
            guard let status else { return head }
            return head + " - " + status.text
        case .item: return "\(indent)\(marker) \(value)"
        case .check: return "\(indent)\(marker) \(label) \(value)"
        case .numbered: return label.isEmpty ? "\(indent)\(marker) \(value)" : "\(indent)\(marker) **\(label):** \(value)"
        case .code: return value.isEmpty ? "\(marker)\(label)\n\(marker)" : "\(marker)\(label)\n\(value)\n\(marker)"
        case .rule: return marker
        case .pairs, .text: return value
        case .blank: return ""
        }
    }

    /// Whether ``canonicalMarkdown`` is byte for byte `written`, decided without building it:
    /// the importer asks this of every line it reads.
    public func isCanonicalMarkdown(_ written: String) -> Bool {
        var written = written
        return written.withUTF8 { bytes in
            var rest = bytes[...]
            switch kind {
            case .title: return rest.take("# ") && rest.take(value) && rest.isEmpty
            case .section:
                guard rest.take("## ") else { return false }
                if !label.isEmpty { guard rest.take(label), rest.take(" ") else { return false } }
                return rest.take("**") && rest.take(value) && rest.take("**") && rest.isEmpty
            case .subsection: return rest.take("### ") && rest.take(value) && rest.isEmpty
            case .field, .metric:
                guard rest.take(indent), rest.take(marker), rest.take(" **"), rest.take(label), rest.take(":**") else { return false }
                return value.isEmpty ? rest.isEmpty : rest.take(" ") && rest.take(value) && rest.isEmpty
            case .task:
                guard rest.take(indent), rest.take(marker), rest.take(" **"), rest.take(label), rest.take(":** "), rest.take(value) else { return false }
                guard let status else { return rest.isEmpty }
                return rest.take(" - ") && rest.take(status.text) && rest.isEmpty
            case .item: return rest.take(indent) && rest.take(marker) && rest.take(" ") && rest.take(value) && rest.isEmpty
            case .check:
                return rest.take(indent) && rest.take(marker) && rest.take(" ") && rest.take(label) && rest.take(" ")
                    && rest.take(value) && rest.isEmpty
            case .numbered:
                guard rest.take(indent), rest.take(marker), rest.take(" ") else { return false }
                if !label.isEmpty { guard rest.take("**"), rest.take(label), rest.take(":** ") else { return false } }
                return rest.take(value) && rest.isEmpty
            case .code, .rule, .pairs, .text, .blank:
                return canonicalMarkdown.utf8.elementsEqual(bytes)
            }
        }
    }

    /// Marks the block as changed, so it is written in canonical form from now on.
    public mutating func touch() { raw = nil }
}

private extension Slice<UnsafeBufferPointer<UInt8>> {
    /// Drops `text` from the front when the bytes start with it; whether they did.
    mutating func take(_ text: String) -> Bool {
        var text = text
        let length = text.utf8.count
        guard count >= length else { return false }
        let matched = text.withUTF8 { expected in
            var offset = 0
            while offset < length, self[startIndex + offset] == expected[offset] { offset += 1 }
            return offset == length
        }
        if matched { self = self[(startIndex + length)...] }
        return matched
    }
}
