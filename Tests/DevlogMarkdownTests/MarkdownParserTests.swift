@testable import DevlogMarkdown
import DevlogModel
import DevlogTestSupport
import Foundation
import Testing

@Suite struct MarkdownParserTests {
    let parser = MarkdownParser()

    @Test(SharedFixtures.required, arguments: SharedFixtures.devlogFiles)
    func corpusFileWritesBackExactly(_ file: URL) throws {
        let data = try Data(contentsOf: file)
        let devlog = try parser.parse(data, file: file.lastPathComponent)
        #expect(devlog.markdown == SharedFixtures.normalized(data))
    }

    @Test(SharedFixtures.required, arguments: SharedFixtures.devlogFiles)
    func corpusFileBecomesRecords(_ file: URL) throws {
        let devlog = try parser.parse(Data(contentsOf: file), file: file.lastPathComponent)
        #expect(devlog.agent?.id.hasPrefix("Agent-") == true)
        #expect(devlog.mission?.id.isEmpty == false)
        // Well-formed lines must be records, not kept as raw text.
        let raw = devlog.blocks.filter { $0.raw != nil }
        #expect(raw.count * 10 < devlog.blocks.count, "too many lines kept raw: \(raw.map(\.markdown))")
    }

    @Test func crlfBomAndTrailingSpacesAreNormalized() throws {
        let bytes = Array("\u{FEFF}# Title  \r\n\r\n## 📋 **AGENT INFORMATION**\r\n- **Agent ID:** Agent-1 \r\n".utf8)
        let devlog = try parser.parse(bytes, file: "x.md")
        #expect(devlog.markdown == "# Title\n\n## 📋 **AGENT INFORMATION**\n- **Agent ID:** Agent-1\n")
        #expect(devlog.agent?.id == "Agent-1")
    }

    @Test func taskStatusSplitsAtTheStatusNotTheFirstDash() {
        let block = MarkdownParser.block(for: "- **Task 2:** Sync - merge contracts - ✅ Completed", in: .missionObjectives)
        #expect(block.kind == .task)
        #expect(block.value == "Sync - merge contracts")
        #expect(block.status == Status(.completed, text: "✅ Completed"))
        #expect(block.canonicalMarkdown == "- **Task 2:** Sync - merge contracts - ✅ Completed")
    }

    @Test func damagedOneBacktickFenceIsACodeBlock() {
        let devlog = parser.parse(lines: ["`python", "x = 1", "`", "after"])
        #expect(devlog.blocks.map(\.kind) == [.code, .text])
        #expect(devlog.blocks[0].label == "python")
        #expect(devlog.markdown == "`python\nx = 1\n`\nafter\n")
    }

    @Test func unclosedFenceStaysText() {
        let devlog = parser.parse(lines: ["```swift", "let x = 1"])
        #expect(devlog.blocks.map(\.kind) == [.text, .text])
        #expect(devlog.markdown == "```swift\nlet x = 1\n")
    }

    @Test func invalidUTF8NamesTheLine() {
        let bytes: [UInt8] = Array("# ok\n- fine\n".utf8) + [0xFF, 0x41, 0x0A]
        #expect {
            _ = try parser.parse(bytes, file: "bad.md")
        } throws: { error in
            "\(error)" == "bad.md:3: not valid UTF-8; re-save the file as UTF-8"
        }
    }

    @Test func metricsReadTheirNumber() {
        let devlog = parser.parse(lines: ["## 📊 **PROGRESS METRICS**", "### Quality Metrics", "- **Test Coverage:** `85%`"])
        #expect(devlog.metrics == [Metric(group: "Quality Metrics", label: "Test Coverage", value: "`85%`",
                                          quantity: Quantity(number: 85, unit: "%"))])
    }
}
