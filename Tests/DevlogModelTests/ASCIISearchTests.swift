import DevlogModel
import Testing

@Suite("ASCII search finds what firstRange(of:) finds")
struct ASCIISearchTests {
    @Test("plain, repeated, absent, at the edges, and next to combining marks")
    func sameAsCharacterSearch() {
        let texts = [
            "**Label:** value", "no marks here", ":**", "**a:**b:**", "x - y - ✅ Done", "e\u{301}:** after an accent",
            ":\u{301}** a combined colon", "**Label:*\u{301}* combined star", "", " - ", "🚀 - 🚀 - done",
        ]
        for text in texts {
            for needle in [":**", " - ", "**"] as [StaticString] {
                let expected = text.firstRange(of: needle.description)
                #expect(text.firstRange(ofASCII: needle) == expected, "\(text) / \(needle)")
                let tail = text.dropFirst()
                #expect(tail.firstRange(ofASCII: needle) == tail.firstRange(of: needle.description), "\(tail) / \(needle)")
            }
        }
    }

    @Test("hasPrefix(ascii:) says what hasPrefix says, next to combining marks and emoji too")
    func samePrefixAsCharacterComparison() {
        let texts = [
            "### Sub", "## 📋 **AGENT**", "#", "", "- item", "-\u{301} combined", "- \u{301}x", "**a:** b", "*\u{301}* x",
            "🚀 - x", "Task 3", "Task", "1. x", ". ", "`\u{301}python", "\u{1FEF}``", "\r\nx", "- ✅ done",
        ]
        for text in texts {
            for prefix in ["### ", "## ", "# ", "- ", "* ", "**", "Task ", ". ", "`", "\r"] as [StaticString] {
                #expect(text.hasPrefix(ascii: prefix) == text.hasPrefix(prefix.description), "\(text) / \(prefix)")
                let tail = text.dropFirst()
                #expect(tail.hasPrefix(ascii: prefix) == tail.hasPrefix(prefix.description), "\(tail) / \(prefix)")
            }
        }
    }
}
