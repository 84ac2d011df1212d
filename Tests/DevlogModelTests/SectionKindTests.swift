@testable import DevlogModel
import Testing

@Suite("SectionKind: titles written many ways name one section")
struct SectionKindTests {
    @Test("the ASCII shortcut gives the key the Unicode rules give")
    func asciiKeyMatchesUnicodeKey() {
        var titles = SectionKind.frame.map(\.title)
        titles += titles.map { $0.lowercased() }
        titles += titles.map { $0.replacing("&", with: "and") }
        titles += [
            "Issues AND Resolutions", "band and brand", "AND", "and", "And,", "  leading  and  trailing  ",
            "Cycle 2: next-steps!", "mission_objectives", "ANDROID AND ANDES", "a&b", "", "   ",
        ]
        for title in titles {
            #expect(SectionKind.asciiKey(title) == SectionKind.unicodeKey(title), "\(title)")
        }
        #expect(SectionKind.asciiKey("Résumé") == nil)
        #expect(SectionKind(title: "issues and resolutions") == SectionKind(title: "ISSUES & RESOLUTIONS"))
    }
}
