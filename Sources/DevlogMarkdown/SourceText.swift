/// The lines of a markdown file, decoded and normalized the way import needs them.
///
/// CRLF and CR line ends become LF, a leading BOM is dropped, and trailing spaces are trimmed:
/// the round trip is defined up to exactly these.
public struct SourceText: Sendable, Hashable {
    /// The lines, without line ends and trailing white space.
    public var lines: [String]

    /// The longest line accepted: longer ones are refused rather than stored.
    public static let maximumLineBytes = 1 << 20

    /// Decodes `bytes` as UTF-8 and splits them into lines, refusing lines over `maximumLineBytes`.
    public init<Bytes: BidirectionalCollection<UInt8>>(
        bytes: Bytes, file: String, maximumLineBytes: Int = Self.maximumLineBytes
    ) throws(MarkdownParseError) {
        // One concrete, contiguous byte type: a generic collection (Data from another module) was
        // read through unspecialized witnesses, byte by byte, which was most of an import's parse.
        let contiguous = Array(bytes)
        self = try contiguous.withUnsafeBufferPointer { buffer throws(MarkdownParseError) in
            try SourceText(buffer: buffer, file: file, maximumLineBytes: maximumLineBytes)
        }
    }

    private init(buffer bytes: UnsafeBufferPointer<UInt8>, file: String, maximumLineBytes: Int) throws(MarkdownParseError) {
        var lines: [String] = []
        var lineNumber = 1
        var start = bytes.startIndex
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            start = bytes.index(start, offsetBy: 3)
        }
        var index = start
        while true {
            let atEnd = index == bytes.endIndex
            if atEnd || bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r") {
                var line = bytes[start..<index]
                if line.count > maximumLineBytes {
                    throw .lineTooLong(file: file, line: lineNumber, limit: maximumLineBytes)
                }
                // Trailing spaces and tabs are not content (the round trip trims them).
                while let last = line.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { line = line.dropLast() }
                guard let text = String(validating: line, as: UTF8.self) else {
                    throw .invalidUTF8(file: file, line: lineNumber)
                }
                if atEnd {
                    if !text.isEmpty { lines.append(text) }
                    break
                }
                lines.append(text)
                lineNumber += 1
                if bytes[index] == UInt8(ascii: "\r") {
                    let next = bytes.index(after: index)
                    if next != bytes.endIndex, bytes[next] == UInt8(ascii: "\n") { index = next }
                }
                index = bytes.index(after: index)
                start = index
            } else {
                index = bytes.index(after: index)
            }
        }
        self.lines = lines
    }
}
