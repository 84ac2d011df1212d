/// The control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) that devlog
/// refuses in ids and one-line values, and writes as visible escapes where it cannot refuse them.
///
/// A line feed in a value would start a new markdown line (a forged section); an ESC reaching a
/// terminal is a command to it. Everything a control character can do is done by one of these.
public enum ControlCharacters {
    /// Whether `scalar` is a control character.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The first control character in an id (agent, mission, cycle): none is allowed.
    public static func firstInID(_ text: String) -> Unicode.Scalar? {
        guard mayHoldControl(text) else { return nil }
        return text.unicodeScalars.first(where: isControl)
    }

    /// The first control character in a one-line value: any but a tab, which stays on its line.
    public static func firstInLine(_ text: String) -> Unicode.Scalar? {
        guard mayHoldControl(text) else { return nil }
        return text.unicodeScalars.first { isControl($0) && $0 != "\t" }
    }

    /// `U+001B`: how messages name a refused character (never the character itself).
    public static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `text` with every control character that `escapes` selects written as `\n`, `\r`, `\t` or
    /// `\u{1B}`, so it shows as what it is and stays on one line.
    public static func escaping(_ text: String, where escapes: (Unicode.Scalar) -> Bool = { _ in true }) -> String {
        guard mayHoldControl(text), text.unicodeScalars.contains(where: { isControl($0) && escapes($0) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar), escapes(scalar) else {
                out.append(scalar)
                continue
            }
            let escape = switch scalar {
            case "\n": "\\n"
            case "\r": "\\r"
            case "\t": "\\t"
            default: "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
            out.append(contentsOf: escape.unicodeScalars)
        }
        return String(out)
    }

    /// Whether any byte could belong to a control character (C0, DEL, or the lead byte 0xC2 of
    /// U+0080–U+009F): most text has none, and bytes tell it without decoding scalars.
    private static func mayHoldControl(_ text: String) -> Bool {
        text.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }
    }
}
