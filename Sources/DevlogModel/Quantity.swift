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

    /// Reads the first number in `text` and the unit right after it; `nil` when there is none.
    public init?(parsing text: String) {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count, !Self.isDigit(scalars[index]) { index += 1 }
        guard index < scalars.count else { return nil }
        let negative = index > 0 && scalars[index - 1] == "-"
            && (index == 1 || scalars[index - 2] == " " || scalars[index - 2] == "(")
        var digits = ""
        var seenPoint = false
        while index < scalars.count {
            let scalar = scalars[index]
            if Self.isDigit(scalar) {
                digits.unicodeScalars.append(scalar)
            } else if scalar == ",", !seenPoint, index + 1 < scalars.count, Self.isDigit(scalars[index + 1]) {
                // A thousands separator: "10,000" is ten thousand.
            } else if scalar == ".", !seenPoint, index + 1 < scalars.count, Self.isDigit(scalars[index + 1]) {
                seenPoint = true
                digits.unicodeScalars.append(scalar)
            } else {
                break
            }
            index += 1
        }
        guard let value = Double(digits) else { return nil }
        number = negative ? -value : value
        unit = Self.unit(in: scalars[index...])
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// `%` or `/10` directly after the number, else the next word (`minutes`, `MB`).
    private static func unit(in rest: ArraySlice<Unicode.Scalar>) -> String {
        guard let first = rest.first else { return "" }
        if first == "%" { return "%" }
        if first == "/" {
            let denominator = rest.dropFirst().prefix(while: { isDigit($0) || $0 == "." })
            return denominator.isEmpty ? "" : "/" + String(String.UnicodeScalarView(denominator))
        }
        var word = rest
        if first == " " { word = word.dropFirst() }
        let letters = word.prefix(while: { $0.properties.isAlphabetic })
        guard !letters.isEmpty, letters.count <= 12 else { return "" }
        return String(String.UnicodeScalarView(letters))
    }
}
