/// Splits a whole devlog into Discord messages of at most 2000 characters (code points, as
/// Discord counts them; see ``DiscordLimits``).
///
/// Where a message must end, it prefers, in order: before a `# `/`## ` heading (a section);
/// after a blank line (a paragraph) if that keeps the message at least half full; between lines.
/// A single line longer than a message is cut at a space if one lies in the second half of the
/// piece, else between graphemes (a grapheme is cut only if it alone exceeds the limit).
///
/// A code fence cut by a split is closed at the end of the message and reopened, with its
/// language, at the start of the next. Fences with runs of more than 10 backticks or tildes, or
/// opening lines longer than 200 characters, are treated as text, which keeps that guarantee
/// finite. Line endings are normalised to `\n` first; pipe tables, which Discord does not render,
/// are turned into aligned code blocks (see ``convertTables(_:)``). Blank lines at the edges of a
/// message are dropped and blank-only messages are never produced.
public struct MessageSplitter: Sendable {
    /// The most characters per message. Default 2000, Discord's content limit.
    public var limit: Int
    /// Whether pipe tables become code blocks. Default true.
    public var convertsTables: Bool

    /// Creates a splitter; every parameter has the documented default.
    ///
    /// - Precondition: `limit` is at least 64, room for a reopened fence and some text.
    public init(limit: Int = DiscordLimits.content, convertsTables: Bool = true) {
        precondition(limit >= 64, "a message limit below 64 leaves no room for fenced text")
        self.limit = limit
        self.convertsTables = convertsTables
    }

    /// A code fence: its marker (such as ```` ``` ````) and the line that reopens it.
    struct Fence: Equatable {
        let marker: String
        let reopen: String
    }

    /// One line with the fence open before and after it.
    struct Line {
        let text: String
        let fenceBefore: Fence?
        let fenceAfter: Fence?
        var isFenceOpener: Bool { fenceBefore == nil && fenceAfter != nil }
        var isFenceCloser: Bool { fenceBefore != nil && fenceAfter == nil }
        var isBlankOutsideFence: Bool { fenceBefore == nil && fenceAfter == nil && text.allSatisfy(\.isWhitespace) }
        var startsSection: Bool { fenceBefore == nil && (text.hasPrefix("# ") || text.hasPrefix("## ")) }
        var size: Int { DiscordLimits.count(text) }
    }

    /// The messages for `markdown`, in order; each at most ``limit`` characters.
    public func split(_ markdown: String) -> [String] {
        var texts = Self.normalizeLineEndings(markdown).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if convertsTables { texts = Self.convertTables(texts) }
        var lines = Self.annotate(texts)
        var chunks: [String] = []
        var start = 0
        var end = 0
        while end < lines.count {
            if cost(lines[start...end]) <= limit {
                end += 1
                continue
            }
            if start == end {
                lines.replaceSubrange(end...end, with: pieces(of: lines[end]))
                continue
            }
            let cut = breakPoint(lines, start: start, end: end)
            emit(lines[start..<cut], into: &chunks)
            start = cut
        }
        emit(lines[start..<end], into: &chunks)
        return chunks
    }

    /// Characters the lines take as one message, reopened and closed fences included.
    private func cost(_ lines: ArraySlice<Line>) -> Int {
        guard let first = lines.first, let last = lines.last else { return 0 }
        var total = lines.reduce(0) { $0 + $1.size } + lines.count - 1
        if let fence = first.fenceBefore, !first.isFenceCloser { total += DiscordLimits.count(fence.reopen) + 1 }
        if let fence = last.fenceAfter { total += 1 + DiscordLimits.count(fence.marker) }
        return total
    }

    /// Where the message holding `lines[start..<end]` should end, given `lines[end]` does not fit.
    private func breakPoint(_ lines: [Line], start: Int, end: Int) -> Int {
        if let section = (start + 1...end).last(where: { lines[$0].startsSection }) {
            return section
        }
        if let paragraph = (start + 1...end).last(where: { lines[$0 - 1].isBlankOutsideFence }),
           cost(lines[start..<paragraph]) * 2 >= limit {
            return paragraph
        }
        // Do not end a message on a fence's opening line: it would show an empty block.
        if lines[end - 1].isFenceOpener, end - 1 > start { return end - 1 }
        return end
    }

    /// Renders `lines` as one message (reopening and closing fences) unless it is blank.
    private func emit(_ slice: ArraySlice<Line>, into chunks: inout [String]) {
        var lines = slice
        // A closing line at the start is redundant: the previous message already closed the fence.
        while let first = lines.first, first.isFenceCloser || first.isBlankOutsideFence { lines.removeFirst() }
        while let last = lines.last, last.isBlankOutsideFence { lines.removeLast() }
        guard let first = lines.first, let last = lines.last else { return }
        var parts = lines.map(\.text)
        if let fence = first.fenceBefore { parts.insert(fence.reopen, at: 0) }
        if let fence = last.fenceAfter { parts.append(fence.marker) }
        chunks.append(parts.joined(separator: "\n"))
    }

    /// Cuts an over-long line into pieces that each fit a message, with the line's fence.
    private func pieces(of line: Line) -> [Line] {
        var budget = limit
        if let fence = line.fenceBefore {
            budget -= DiscordLimits.count(fence.reopen) + 1 + 1 + DiscordLimits.count(fence.marker)
        }
        return Self.cut(line.text, budget: budget).map {
            Line(text: $0, fenceBefore: line.fenceBefore, fenceAfter: line.fenceBefore)
        }
    }

    /// Cuts `text` into pieces of at most `budget` code points: at a space in the second half
    /// of a piece when there is one, else between graphemes.
    static func cut(_ text: String, budget: Int) -> [String] {
        var pieces: [String] = []
        var current = ""
        var size = 0
        var lastSpace: (index: String.Index, size: Int)?
        for character in text {
            let width = character.unicodeScalars.count
            if width > budget {
                // One grapheme larger than a message (pathological input): cut its scalars.
                if !current.isEmpty { pieces.append(current) }
                current = ""; size = 0; lastSpace = nil
                let scalars = Array(character.unicodeScalars)
                for offset in stride(from: 0, to: scalars.count, by: budget) {
                    var view = String.UnicodeScalarView()
                    view.append(contentsOf: scalars[offset..<min(offset + budget, scalars.count)])
                    pieces.append(String(view))
                }
                continue
            }
            if size + width > budget {
                if let space = lastSpace, space.size * 2 >= budget {
                    pieces.append(String(current[..<space.index]))
                    current = String(current[space.index...])
                    size -= space.size
                } else {
                    pieces.append(current)
                    current = ""; size = 0
                }
                lastSpace = nil
                if size + width > budget {
                    pieces.append(current)
                    current = ""; size = 0
                }
            }
            current.append(character)
            size += width
            if character == " " { lastSpace = (current.endIndex, size) }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// `\r\n` and lone `\r` become `\n`.
    static func normalizeLineEndings(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                scalars.append("\n")
                previousWasCR = true
                continue
            }
            if !(scalar == "\n" && previousWasCR) { scalars.append(scalar) }
            previousWasCR = false
        }
        return String(scalars)
    }

    /// Marks each line with the code fence open before and after it.
    static func annotate(_ texts: [String]) -> [Line] {
        var open: Fence?
        var openRun = 0
        return texts.map { text in
            let before = open
            if let (character, run, info) = fenceDelimiter(text) {
                if let current = open {
                    if current.marker.first == character, run >= openRun, info.isEmpty { open = nil }
                } else if character != "`" || !info.contains("`") {
                    let marker = String(repeating: character, count: run)
                    let reopen = DiscordLimits.count(info) <= 40 ? marker + info : marker
                    open = Fence(marker: marker, reopen: reopen)
                    openRun = run
                }
            }
            return Line(text: text, fenceBefore: before, fenceAfter: open)
        }
    }

    /// The fence character, run length and info string when `text` is a fence line.
    private static func fenceDelimiter(_ text: String) -> (Character, Int, String)? {
        guard DiscordLimits.count(text) <= 200 else { return nil }
        let indent = text.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = text.dropFirst(indent)
        guard let character = rest.first, character == "`" || character == "~" else { return nil }
        let run = rest.prefix { $0 == character }.count
        guard (3...10).contains(run) else { return nil }
        return (character, run, rest.dropFirst(run).trimmingCharacters(in: .whitespaces))
    }
}
