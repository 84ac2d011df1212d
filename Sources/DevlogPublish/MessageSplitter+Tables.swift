import Foundation

extension MessageSplitter {
    /// Turns GitHub-style pipe tables, which Discord shows as raw pipes, into code blocks with
    /// aligned columns: monospace keeps the table readable, and the block is split like any
    /// other fence when long. Inline `**`, `__` and backticks in cells are dropped, since a code
    /// block would show them literally. Lines inside code fences are left alone.
    public static func convertTables(_ lines: [String]) -> [String] {
        var output: [String] = []
        var inFence = false
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
            guard !inFence, index + 1 < lines.count, line.contains("|"), isDelimiterRow(lines[index + 1]) else {
                output.append(line)
                index += 1
                continue
            }
            var rows = [cells(of: line)]
            index += 2
            while index < lines.count, lines[index].contains("|"), !lines[index].allSatisfy(\.isWhitespace) {
                rows.append(cells(of: lines[index]))
                index += 1
            }
            output += renderTable(rows)
        }
        return output
    }

    private static func isDelimiterRow(_ line: String) -> Bool {
        let cells = cells(of: line)
        return !cells.isEmpty && line.contains("-") && cells.allSatisfy { cell in
            let core = cell.trimmingCharacters(in: CharacterSet(charactersIn: ":"))
            return !core.isEmpty && core.allSatisfy { $0 == "-" }
        }
    }

    private static func cells(of line: String) -> [String] {
        var text = line.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("|") { text.removeFirst() }
        if text.hasSuffix("|") && !text.hasSuffix("\\|") { text.removeLast() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped { current.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "|" { cells.append(current); current = ""; continue }
            current.append(character)
        }
        cells.append(current)
        return cells.map {
            $0.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
                .replacingOccurrences(of: "`", with: "").trimmingCharacters(in: .whitespaces)
        }
    }

    private static func renderTable(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let padded = rows.map { $0 + Array(repeating: "", count: columns - $0.count) }
        let widths = (0..<columns).map { column in padded.map { $0[column].count }.max() ?? 0 }
        func render(_ row: [String]) -> String {
            zip(row, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }
                .joined(separator: " | ").trimmingTrailingSpaces()
        }
        var block = ["```"]
        block.append(render(padded[0]))
        block.append(widths.map { String(repeating: "-", count: max($0, 1)) }.joined(separator: "-+-"))
        block += padded.dropFirst().map(render)
        block.append("```")
        return block
    }
}

extension String {
    /// The string without trailing spaces.
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
