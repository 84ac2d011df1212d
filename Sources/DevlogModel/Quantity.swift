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
        guard let reading = Self.read(text) else { return nil }
        number = reading.number
        unit = reading.unit
    }

    /// The total of a done-of-total count written `2/4`, `nil` for other units.
    public var total: Double? {
        guard unit.hasPrefix("/") else { return nil }
        return Double(unit.dropFirst())
    }

    /// What `text` says after its number and unit, as written but for the spaces, dashes and
    /// one pair of parentheses around it: `was 37 per 1,000 updates` for `0 (was 37 per 1,000
    /// updates)`; `nil` when nothing follows or `text` holds no number.
    public static func note(in text: String) -> String? {
        guard let end = read(text)?.end else { return nil }
        var rest = Substring(text[end...])
        let edge: Set<Character> = [" ", "\t", "-", "–", "—", ":", ",", ";"]
        while let first = rest.first, edge.contains(first) { rest = rest.dropFirst() }
        while let last = rest.last, last == " " || last == "\t" { rest = rest.dropLast() }
        if rest.first == "(", rest.last == ")", !rest.dropFirst().contains("(") { rest = rest.dropFirst().dropLast() }
        return rest.isEmpty ? nil : String(rest)
    }

    /// The number, its unit and where the unit ends.
    private static func read(_ text: String) -> (number: Double, unit: String, end: String.Index)? {
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
        let unit = Self.unit(in: text, from: index)
        return (negative ? -value : value, unit.text, unit.end)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// `%` or `/10` directly after the number, else the next word (`minutes`, `MB`); with where it ends
    /// (where the number ends when there is no unit).
    private static func unit(in text: String, from start: String.Index) -> (text: String, end: String.Index) {
        let utf8 = text.utf8
        guard start != utf8.endIndex else { return ("", start) }
        let first = utf8[start]
        if first == UInt8(ascii: "%") { return ("%", utf8.index(after: start)) }
        if first == UInt8(ascii: "/") {
            let from = utf8.index(after: start)
            var end = from
            while end != utf8.endIndex, isDigit(utf8[end]) || utf8[end] == UInt8(ascii: ".") { end = utf8.index(after: end) }
            return from == end ? ("", start) : ("/" + String(text.unicodeScalars[from..<end]), end)
        }
        let word = first == UInt8(ascii: " ") ? utf8.index(after: start) : start
        var letters = String.UnicodeScalarView()
        var end = word
        for scalar in text.unicodeScalars[word...] {
            let alphabetic = scalar.isASCII
                ? (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)) : scalar.properties.isAlphabetic
            guard alphabetic else { break }
            if letters.count == 12 { return ("", start) }
            letters.append(scalar)
            end = text.unicodeScalars.index(after: end)
        }
        return letters.isEmpty ? ("", start) : (String(letters), end)
    }
}
