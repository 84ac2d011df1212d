import DevlogImport
import DevlogMarkdown
import DevlogModel
import DevlogTestSupport
import Foundation
import Testing

/// For any input, import either keeps every line or refuses with one clear line; it never crashes.
@Suite struct MarkdownImportPropertyTests {
    static let shapes = [
        "# DEVLOG TEMPLATE v3.1", "## 📋 **AGENT INFORMATION**", "## **Odd**", "## custom heading", "### Sub",
        "- **Agent ID:** Agent-1", "- **Task 3:** Do - ✅ Completed", "- **Task x:** y", "- ✅ done", "- ⏳", "1. **Issue:** broke",
        "   - **Status:** RESOLVED - ok", "```python", "```", "`python", "`", "~~~", "---", "**Cycle:** 2 | **X:**", "plain",
        "", "", "- **:** empty label", "**bold** only", "-", "- ", "12345678. too long", "\t- tab", "* star item", "#", "##",
        "- **Progress:** 25% Complete", "|a|b|", "🚀🐝", "- **Label:**",
    ]

    @Test(arguments: 0..<300)
    func randomMarkdownKeepsEveryLine(_ seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(seed))
        var lines: [String] = []
        for _ in 0..<Int.random(in: 1...60, using: &random) {
            var line = Self.shapes.randomElement(using: &random)!
            if Bool.random(using: &random) { line += " " + Self.shapes.randomElement(using: &random)! }
            lines.append(line)
        }
        let ending = ["\n", "\r\n", "\r"].randomElement(using: &random)!
        let text = lines.joined(separator: ending)
        let devlog = try MarkdownParser().parse(Array(text.utf8), file: "random.md")
        let output = devlog.markdown
        #expect(output == SharedFixtures.normalized(Data(text.utf8)))
        for line in lines where !line.trimmingWhitespace().isEmpty {
            #expect(output.contains(line.trimmingTrailingWhitespace()))
        }
    }

    @Test(arguments: 0..<300)
    func randomBytesAreStoredOrRefusedClearly(_ seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed) &+ 1_000_000)
        let count = Int.random(in: 0...2_000, using: &random)
        let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
        do {
            let devlog = try MarkdownParser().parse(bytes, file: "noise.md")
            // Valid UTF-8 noise: every line comes back.
            #expect(devlog.markdown == SharedFixtures.normalized(Data(bytes)))
        } catch {
            let message = error.description
            #expect(message.hasPrefix("noise.md"))
            #expect(!message.contains("\n"))
        }
    }
}
