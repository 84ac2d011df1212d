@testable import DevlogPublish
import Testing

/// A small seeded generator so failures reproduce.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("MessageSplitter")
struct MessageSplitterTests {
    let splitter = MessageSplitter()

    @Test("Discord counts code points: emoji 1, flags 2, family 5")
    func counting() {
        #expect(DiscordLimits.count("👍") == 1)
        #expect(DiscordLimits.count("🇫🇷") == 2)
        #expect(DiscordLimits.count("👨‍👩‍👧") == 5)
        #expect(DiscordLimits.count("e\u{301}") == 2)
        #expect(DiscordLimits.count(String(repeating: "😀", count: 2000)) == 2000)
    }

    @Test("short text is one message, unchanged")
    func short() {
        #expect(splitter.split("# Title\n\nHello **world**") == ["# Title\n\nHello **world**"])
        #expect(splitter.split("") == [])
        #expect(splitter.split("\n \n\n") == [])
    }

    @Test("splits before a section heading first")
    func sections() throws {
        let body = String(repeating: "word ", count: 150)  // 750 characters
        let text = "## One\n\(body)\n\n\(body)\n## Two\n\(body)\n## Three\n\(body)"
        let chunks = splitter.split(text)
        #expect(chunks.allSatisfy { DiscordLimits.count($0) <= 2000 })
        // One (1510) cannot take Two (757): the cut falls before "## Two", not in One's paragraphs;
        // Two and Three fit together.
        try #require(chunks.count == 2)
        #expect(chunks[0].hasPrefix("## One") && !chunks[0].contains("## Two"))
        #expect(chunks[1].hasPrefix("## Two") && chunks[1].contains("\n## Three\n"))
    }

    @Test("then after a paragraph, then between lines")
    func paragraphsThenLines() {
        let line = String(repeating: "x", count: 99)
        let paragraph = Array(repeating: line, count: 12).joined(separator: "\n")  // 1199 characters
        let chunks = splitter.split("\(paragraph)\n\n\(paragraph)\n\n\(paragraph)")
        #expect(chunks == [paragraph, paragraph, paragraph])
        let lines = Array(repeating: line, count: 50).joined(separator: "\n")
        let byLine = splitter.split(lines)
        #expect(byLine.count == 3)
        #expect(byLine.allSatisfy { DiscordLimits.count($0) <= 2000 })
        #expect(byLine.joined(separator: "\n") == lines)
    }

    @Test("a fence cut by a split is closed and reopened with its language")
    func fences() {
        let code = (1...150).map { "let value\($0) = \($0) * 2" }.joined(separator: "\n")
        let chunks = splitter.split("Intro\n\n```swift\n\(code)\n```\nAfter")
        #expect(chunks.count >= 2)
        for (index, chunk) in chunks.enumerated() {
            #expect(DiscordLimits.count(chunk) <= 2000)
            let lines = chunk.split(separator: "\n", omittingEmptySubsequences: false)
            if index > 0 { #expect(lines.first == "```swift") }
            if index < chunks.count - 1 { #expect(lines.last == "```") }
        }
        #expect(chunks.last?.hasSuffix("```\nAfter") == true)
    }

    @Test("a single giant line is cut at spaces, never inside a grapheme")
    func giantLine() {
        let words = (0..<900).map { $0 % 7 == 0 ? "👨‍👩‍👧" : "word\($0)" }.joined(separator: " ")
        let chunks = splitter.split(words)
        #expect(chunks.count > 1)
        #expect(chunks.allSatisfy { DiscordLimits.count($0) <= 2000 })
        #expect(chunks.joined().filter { $0 == "👨‍👩‍👧" }.count == words.filter { $0 == "👨‍👩‍👧" }.count)
        #expect(chunks.dropLast().allSatisfy { $0.hasSuffix(" ") })
        let unbroken = String(repeating: "🇫🇷", count: 1500)  // 3000 code points, no spaces
        let flags = splitter.split(unbroken)
        #expect(flags.allSatisfy { DiscordLimits.count($0) <= 2000 && $0.allSatisfy { $0 == "🇫🇷" } })
        #expect(flags.joined() == unbroken)
    }

    @Test("CRLF and CR become LF")
    func lineEndings() {
        #expect(splitter.split("a\r\nb\rc\n\r\nd") == ["a\nb\nc\n\nd"])
    }

    @Test("pipe tables become aligned code blocks; tables inside fences stay")
    func tables() {
        let text = "| Name | Status |\n|:-----|-------:|\n| **parser** | ✅ done |\n| store | 🔄 |\n\n```\n| a | b |\n|---|---|\n```"
        let chunk = splitter.split(text).joined(separator: "\n")
        #expect(chunk.hasPrefix("```\nName   | Status\n-------+-------\nparser | ✅ done\nstore  | 🔄\n```"))
        #expect(chunk.hasSuffix("```\n| a | b |\n|---|---|\n```"))
    }

    // Serialized: its cases are CPU-bound and would otherwise hold every cooperative thread,
    // delaying the real-time rate-limit test that runs beside it.
    @Test("property: no message over the limit, fences balanced, text and graphemes kept", .serialized, arguments: 0..<40)
    func property(seed: Int) {
        var random = SeededRandom(state: UInt64(seed) &* 7919 &+ 17)
        let limit = [2000, 2000, 500, 64].randomElement(using: &random)!
        let splitter = MessageSplitter(limit: limit, convertsTables: false)
        let text = Self.randomDocument(&random)
        let chunks = splitter.split(text)
        for chunk in chunks {
            #expect(DiscordLimits.count(chunk) <= limit, "seed \(seed): \(DiscordLimits.count(chunk)) > \(limit)")
            #expect(!chunk.allSatisfy { $0.isWhitespace })
            let lines = MessageSplitter.annotate(chunk.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            #expect(lines.last?.fenceAfter == nil, "seed \(seed): fence left open")
        }
        #expect(Self.essence(chunks.joined(separator: "\n")) == Self.essence(text), "seed \(seed): text changed")
        for emoji in ["👨‍👩‍👧", "🇫🇷", "e\u{301}"] as [Character] {
            #expect(chunks.joined().filter { $0 == emoji }.count == text.filter { $0 == emoji }.count)
        }
    }

    /// The non-blank characters outside fence delimiter lines, which splitting must keep in order.
    static func essence(_ text: String) -> String {
        let lines = MessageSplitter.annotate(MessageSplitter.normalizeLineEndings(text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        return lines.filter { !$0.isFenceOpener && !$0.isFenceCloser }.map(\.text).joined().filter { !$0.isWhitespace }
    }

    static func randomDocument(_ random: inout SeededRandom) -> String {
        let words = ["devlog", "agent", "👍", "👨‍👩‍👧", "🇫🇷", "e\u{301}", "漢字", "**bold**", "`code`", "-", "|", "x"]
        func sentence(_ count: Int) -> String {
            (0..<count).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
        }
        var lines: [String] = []
        for _ in 0..<Int.random(in: 5...40, using: &random) {
            switch Int.random(in: 0..<10, using: &random) {
            case 0: lines.append("## Section \(Int.random(in: 1...99, using: &random))")
            case 1: lines.append("")
            case 2:
                lines.append(["```swift", "```", "~~~", "````python"].randomElement(using: &random)!)
                for _ in 0..<Int.random(in: 0...40, using: &random) { lines.append("    " + sentence(Int.random(in: 1...20, using: &random))) }
                if Bool.random(using: &random) { lines.append("```") }
            case 3: lines.append(sentence(Int.random(in: 300...900, using: &random)))
            case 4: lines.append(String(repeating: words.randomElement(using: &random)!, count: Int.random(in: 100...2500, using: &random)))
            default: lines.append(sentence(Int.random(in: 1...40, using: &random)))
            }
        }
        return lines.joined(separator: Bool.random(using: &random) ? "\n" : "\r\n")
    }
}
