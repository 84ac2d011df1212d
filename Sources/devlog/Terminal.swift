import Foundation
import Logging

/// Output helpers: results on stdout, messages and progress on stderr.
enum Terminal {
    /// The logger the commands hand to the library: warnings and errors on stderr by default,
    /// everything with `DEVLOG_LOG_LEVEL=debug`.
    static let logger: Logger = {
        var logger = Logger(label: "devlog") { label in StreamLogHandler.standardError(label: label) }
        let level = Environment.logLevel.flatMap(Logger.Level.init(rawValue:))
        logger.logLevel = level ?? .warning
        return logger
    }()

    /// Whether stderr is a terminal (progress is shown only there).
    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1

    /// A result line on stdout.
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// A message line on stderr.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// An error line on stderr, prefixed so it stands out in an agent's log.
    static func error(_ text: String) {
        note("devlog: error: " + text)
    }

    /// Rewrites the current stderr line (progress), only on a terminal.
    static func progress(_ text: String) {
        guard stderrIsTerminal else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
    }

    /// Ends a progress line.
    static func endProgress() {
        guard stderrIsTerminal else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }

    /// Pretty-printed, key-sorted JSON on stdout, for `--json`.
    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try encoder.encode(value) + Data("\n".utf8))
    }
}
