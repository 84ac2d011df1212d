import Foundation

/// Environment variables `devlog` reads, with `getenv`: ProcessInfo copies the whole
/// environment into a dictionary first, on the way to every command's first step.
enum Environment {
    /// `$DEVLOG_AGENT`: the agent a command acts for when --agent is not given.
    static var agent: String? { value("DEVLOG_AGENT") }

    /// `$DEVLOG_DB`: the database when --db is not given.
    static var database: String? { value("DEVLOG_DB") }

    /// `$DEVLOG_LOG_LEVEL`: how much the library logs on stderr.
    static var logLevel: String? { value("DEVLOG_LOG_LEVEL") }

    /// The variable's value; `nil` when unset or empty.
    private static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    }
}
