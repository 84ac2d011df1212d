extension String {
    /// The string without leading and trailing spaces and tabs (and line ends).
    ///
    /// Foundation-free so the model module stays dependency-free and fast.
    public func trimmingWhitespace() -> String {
        // The blanks are ASCII, so bytes find the same ends as scalars; most text has none to
        // trim and is returned without a copy.
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { !Self.isBlank($0) }) else { return "" }
        let end = utf8.index(after: utf8.lastIndex(where: { !Self.isBlank($0) })!)
        if first == utf8.startIndex, end == utf8.endIndex { return self }
        return String(unicodeScalars[first..<end])
    }

    /// The string without trailing spaces and tabs.
    public func trimmingTrailingWhitespace() -> String {
        let utf8 = self.utf8
        guard let last = utf8.lastIndex(where: { !Self.isBlank($0) }) else { return "" }
        let end = utf8.index(after: last)
        if end == utf8.endIndex { return self }
        return String(unicodeScalars[..<end])
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
    }

    /// Text with surrounding backticks and bold marks removed: the value a reader means.
    public var unmarked: String {
        var text = trimmingWhitespace()
        for mark in ["**", "`"] {
            // Bytes, not characters, for the length: the marks are ASCII, so where both ends
            // hold one the two counts agree on whether they overlap, and bytes cost nothing.
            while text.utf8.count >= 2 * mark.utf8.count, text.hasPrefix(mark), text.hasSuffix(mark) {
                text = String(text.dropFirst(mark.count).dropLast(mark.count)).trimmingWhitespace()
            }
        }
        return text
    }
}
