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

    /// Marks the block as changed, so it is written in canonical form from now on.
    public mutating func touch() { raw = nil }
}
