/// Why a markdown devlog could not be read.
public struct MarkdownParseError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case invalidUTF8
        case lineTooLong(limit: Int)
        case empty
        case controlCharacterInID(field: String, character: String)
    }

    private let code: Code
    /// The file the text came from, as the user named it.
    public let file: String
    /// The 1-based line the problem is on.
    public let line: Int

    /// A person-readable line naming the file, the line and what to do.
    public var description: String {
        line == 0 ? "\(file): \(reason)" : "\(file):\(line): \(reason)"
    }

    /// What is wrong and what to do, without the file and line.
    public var reason: String {
        switch code {
        case .invalidUTF8: "not valid UTF-8; re-save the file as UTF-8"
        case .lineTooLong(let limit): "line longer than \(limit / 1024) KiB; split it or keep large output in a linked file"
        case .empty: "empty file; a devlog needs at least one line"
        case let .controlCharacterInID(field, character): "\(field) holds control character \(character), which no id may; write the id in visible characters"
        }
    }

    static func invalidUTF8(file: String, line: Int) -> Self { Self(code: .invalidUTF8, file: file, line: line) }
    static func lineTooLong(file: String, line: Int, limit: Int) -> Self { Self(code: .lineTooLong(limit: limit), file: file, line: line) }
    static func empty(file: String) -> Self { Self(code: .empty, file: file, line: 0) }
    static func controlCharacterInID(file: String, line: Int, field: String, character: String) -> Self {
        Self(code: .controlCharacterInID(field: field, character: character), file: file, line: line)
    }
}
