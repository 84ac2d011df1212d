import DevlogModel
import DevlogTestSupport
import Testing

@Suite struct ControlCharactersTests {
    @Test func idsTakeNoControlCharacterAndLinesOnlyATab() {
        #expect(ControlCharacters.firstInID("Agent 7") == nil)
        #expect(ControlCharacters.firstInID("Agent\u{0}7") == "\u{0}")
        #expect(ControlCharacters.firstInID("Agent\t7") == "\t")
        #expect(ControlCharacters.firstInID("Agent\u{85}7") == "\u{85}")
        #expect(ControlCharacters.firstInLine("a\tb") == nil)
        #expect(ControlCharacters.firstInLine("a\u{7F}b") == "\u{7F}")
        #expect(ControlCharacters.firstInLine("Evil\n## FORGED") == "\n")
        // Text beyond ASCII whose UTF-8 holds the byte 0xC2 is not mistaken for a control character.
        #expect(ControlCharacters.firstInLine("90° · ©") == nil)
        #expect(ControlCharacters.name("\u{1B}") == "U+001B")
    }

    @Test func escapingShowsEachControlCharacterAndKeepsTheRest() {
        #expect(ControlCharacters.escaping("\u{1B}[2Jred\u{7}\n2\r\t·\u{9B}") == "\\u{1B}[2Jred\\u{7}\\n2\\r\\t·\\u{9B}")
        #expect(ControlCharacters.escaping("a\tb\nc") { $0 != "\t" } == "a\tb\\nc")
        let plain = "- **Agent ID:** Agent-7 — 90°"
        #expect(ControlCharacters.escaping(plain) == plain)
    }

    @Test func escapedTextHasNoControlCharacterLeft() {
        var generator = SeededGenerator(seed: 12)
        for _ in 0..<500 {
            let scalars = (0..<Int.random(in: 0...20, using: &generator)).map { _ in
                Unicode.Scalar(UInt32.random(in: 0...0xA0, using: &generator))!
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            let escaped = ControlCharacters.escaping(text)
            #expect(!escaped.unicodeScalars.contains(where: ControlCharacters.isControl), "\(scalars)")
        }
    }
}
