extension String {
    /// The string without leading and trailing spaces and tabs (and line ends).
    ///
    /// Foundation-free so the model module stays dependency-free and fast.
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isBlank }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isBlank })!
        return String(scalars[first...last])
    }

    /// The string without trailing spaces and tabs.
    public func trimmingTrailingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let last = scalars.lastIndex(where: { !$0.isBlank }) else { return "" }
        return String(scalars[...last])
    }

    /// Text with surrounding backticks and bold marks removed: the value a reader means.
    public var unmarked: String {
        var text = trimmingWhitespace()
        for mark in ["**", "`"] {
            while text.count >= 2 * mark.count, text.hasPrefix(mark), text.hasSuffix(mark) {
                text = String(text.dropFirst(mark.count).dropLast(mark.count)).trimmingWhitespace()
            }
        }
        return text
    }
}

extension Unicode.Scalar {
    var isBlank: Bool { self == " " || self == "\t" || self == "\r" || self == "\n" }
}
