import DevlogModel
import Foundation
import Logging

/// Output helpers: results on stdout, messages and progress on stderr.
///
/// Every line is written with its control characters escaped (`\u{1B}`, `\n`): text from input
/// files, the database or a server reaches the terminal as text, never as a command to it, and a
/// line stays one line.
enum Terminal {
    /// The logger the commands hand to the library: warnings and errors on stderr by default,
    /// everything with `DEVLOG_LOG_LEVEL=debug`.
    static let logger: Logger = {
        var logger = Logger(label: "devlog") { label in StreamLogHandler(label: label, stream: EscapingStandardError()) }
        let level = Environment.logLevel.flatMap(Logger.Level.init(rawValue:))
        logger.logLevel = level ?? .warning
        return logger
    }()

    /// Whether stderr is a terminal (progress is shown only there).
    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1

    /// A result line on stdout; a tab stays (columns), every other control character is escaped.
    static func print(_ line: String) {
        FileHandle.standardOutput.write(Data((ControlCharacters.escaping(line) { $0 != "\t" } + "\n").utf8))
    }

    /// A message line on stderr.
    static func note(_ line: String) {
        FileHandle.standardError.write(Data((ControlCharacters.escaping(line) + "\n").utf8))
    }

    /// An error line on stderr, prefixed so it stands out in an agent's log.
    static func error(_ text: String) {
        note("devlog: error: " + text)
    }

    /// Rewrites the current stderr line (progress), only on a terminal.
    static func progress(_ text: String) {
        guard stderrIsTerminal else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + ControlCharacters.escaping(text)).utf8))
    }

    /// Ends a progress line.
    static func endProgress() {
        guard stderrIsTerminal else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }

    /// A whole document on stdout (`generate --stdout`): as it is when piped, since it is the
    /// file's content; on a terminal its lines are kept and other control characters escaped.
    static func printDocument(_ text: String) {
        let shown = isatty(STDOUT_FILENO) == 1 ? ControlCharacters.escaping(text) { $0 != "\n" && $0 != "\t" } : text
        FileHandle.standardOutput.write(Data(shown.utf8))
    }

    /// Pretty-printed, key-sorted JSON on stdout, for `--json`. JSON escapes U+0000–U+001F
    /// itself; DEL and U+0080–U+009F, which it allows raw, are written as `\u007F`… too (they
    /// can only stand inside strings, where that escape means the same character).
    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var text = String(decoding: try encoder.encode(value), as: UTF8.self)
        let rawInJSON = { (scalar: Unicode.Scalar) in scalar.value >= 0x7F && ControlCharacters.isControl(scalar) }
        if text.unicodeScalars.contains(where: rawInJSON) {
            var escaped = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                if rawInJSON(scalar) {
                    escaped.append(contentsOf: "\\u00\(String(scalar.value, radix: 16, uppercase: true))".unicodeScalars)
                } else {
                    escaped.append(scalar)
                }
            }
            text = String(escaped)
        }
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}

/// Where log lines go: stderr, each line's control characters escaped (a server's error text is
/// logged as it came) and its one line end kept.
struct EscapingStandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var line = Substring(string)
        let ending = line.last == "\n"
        if ending { line = line.dropLast() }
        FileHandle.standardError.write(Data((ControlCharacters.escaping(String(line)) + (ending ? "\n" : "")).utf8))
    }
}
