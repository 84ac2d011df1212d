import DevlogModel
import DevlogTestSupport
import Testing

@Suite("Block.isCanonicalMarkdown agrees with canonicalMarkdown, byte for byte")
struct BlockMarkdownTests {
    static let blocks: [Block] = [
        .title("DEVLOG"), .section("AGENT INFORMATION", emoji: "📋"), .section("Odd", emoji: ""), .subsection("Files"),
        .field("Agent ID", "Agent-7"), .field("Status", "✅ COMPLETED", indent: "   "), .field("Empty", ""),
        .metric("Coverage", "85%"), .task(number: 3, title: "Build", status: Status(.completed, text: "✅ Done")),
        .task(number: 4, title: "Plan", status: nil), .item("Sources/A.swift", indent: "  "), .check("met", state: .completed),
        .numbered(2, label: "Issue", "broke"), .numbered(10, label: "", "plain"), .code("let x = 1", language: "swift"),
        .code("", language: ""), .rule, .pairs([("Cycle", "2"), ("Next", "")]), .text("e\u{301} text"), .blank,
    ]

    @Test func itsOwnCanonicalFormMatches() {
        for block in Self.blocks {
            #expect(block.isCanonicalMarkdown(block.canonicalMarkdown), "\(block)")
        }
    }

    @Test(arguments: 0..<200)
    func anyOtherTextDoesNot(_ seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed))
        let pieces = ["", " ", "-", "*", "**", ":**", " - ", "#", "✅", "e\u{301}", "é", "\n", "x"]
        for block in Self.blocks {
            var text = block.canonicalMarkdown
            // Cut, extend or splice the canonical text at a random byte, staying valid UTF-8.
            let utf8 = Array(text.utf8)
            let cut = Int.random(in: 0...utf8.count, using: &random)
            let piece = pieces.randomElement(using: &random)!
            if let head = String(validating: utf8[..<cut], as: UTF8.self), let tail = String(validating: utf8[cut...], as: UTF8.self) {
                text = Bool.random(using: &random) ? head + piece + tail : head + piece
            }
            let expected = Array(text.utf8) == Array(block.canonicalMarkdown.utf8)
            #expect(block.isCanonicalMarkdown(text) == expected, "\(block) / \(text)")
        }
    }
}
