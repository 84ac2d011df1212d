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
}
