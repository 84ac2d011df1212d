/// A number and its unit read from a value as written (`85%`, `3/10`, `~2 minutes`).
///
/// Metrics keep their text; the quantity lets the same label be compared across cycles.
public struct Quantity: Sendable, Hashable, Codable {
    /// The number.
    public var number: Double
    /// What follows the number (`%`, `/10`, `minutes`), empty when nothing does.
    public var unit: String

    /// A quantity.
    public init(number: Double, unit: String) {
        self.number = number
        self.unit = unit
    }

    /// Reads the first number in `text` and the unit right after it; `nil` when there is none, or
    /// when it is too large for a `Double` (400 digits): the text is kept, a non-finite number is not.
    ///
    /// Read on UTF-8 bytes: every character a number is made of is ASCII, and a byte of a
    /// multi-byte scalar is never ASCII, so bytes find what scalars would, without copying the
    /// text into an array of scalars for each metric.
    public init?(parsing text: String) {
        let utf8 = text.utf8
        var index = utf8.startIndex
        var previous: UInt8?
        var beforePrevious: UInt8?
        while index != utf8.endIndex, !Self.isDigit(utf8[index]) {
            beforePrevious = previous
            previous = utf8[index]
            index = utf8.index(after: index)
        }
        guard index != utf8.endIndex else { return nil }
        let negative = previous == UInt8(ascii: "-")
            && (beforePrevious == nil || beforePrevious == UInt8(ascii: " ") || beforePrevious == UInt8(ascii: "("))
        var digits = ""
        var seenPoint = false
        while index != utf8.endIndex {
            let byte = utf8[index]
            let next = utf8.index(after: index)
            let digitFollows = next != utf8.endIndex && Self.isDigit(utf8[next])
            if Self.isDigit(byte) {
                digits.unicodeScalars.append(Unicode.Scalar(byte))
            } else if byte == UInt8(ascii: ","), !seenPoint, digitFollows {
                // A thousands separator: "10,000" is ten thousand.
            } else if byte == UInt8(ascii: "."), !seenPoint, digitFollows {
                seenPoint = true
                digits.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                break
            }
            index = next
        }
        guard let value = Double(digits), value.isFinite else { return nil }
        number = negative ? -value : value
        unit = Self.unit(in: text, from: index)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// `%` or `/10` directly after the number, else the next word (`minutes`, `MB`).
    private static func unit(in text: String, from start: String.Index) -> String {
        let utf8 = text.utf8
        guard start != utf8.endIndex else { return "" }
        let first = utf8[start]
        if first == UInt8(ascii: "%") { return "%" }
        if first == UInt8(ascii: "/") {
            let from = utf8.index(after: start)
            var end = from
            while end != utf8.endIndex, isDigit(utf8[end]) || utf8[end] == UInt8(ascii: ".") { end = utf8.index(after: end) }
            return from == end ? "" : "/" + String(text.unicodeScalars[from..<end])
        }
        let word = first == UInt8(ascii: " ") ? utf8.index(after: start) : start
        var letters = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars[word...] {
            let alphabetic = scalar.isASCII
                ? (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)) : scalar.properties.isAlphabetic
            guard alphabetic else { break }
            count += 1
            if count > 12 { return "" }
            letters.append(scalar)
        }
        return String(letters)
    }
}
