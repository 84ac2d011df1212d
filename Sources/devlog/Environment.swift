import Foundation

/// Environment variables `devlog` reads.
enum Environment {
    /// `$DEVLOG_AGENT`: the agent a command acts for when --agent is not given.
    static var agent: String? {
        ProcessInfo.processInfo.environment["DEVLOG_AGENT"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
