import Foundation
import Testing

/// Locates the read-only `../shared` folder (spec, corpus) that sits beside a checkout of the
/// repository. It is not part of a user's clone, so tests that need it are skipped when absent.
public enum SharedFixtures {
    /// The repository's root folder, found from this file's path.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the repository.
    public static let root: URL = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// Whether `../shared` is present.
    public static var isAvailable: Bool { FileManager.default.fileExists(atPath: corpus.path) }

    /// Skips a test, saying why, when `../shared` is not beside the checkout (a user's clone).
    public static var required: ConditionTrait {
        .enabled(if: isAvailable, Comment(rawValue: "skipped: ../shared (spec and corpus) is not beside this checkout"))
    }

    /// `../shared/corpus`: real v3.1 devlogs.
    public static var corpus: URL { root.appendingPathComponent("corpus") }

    /// `../shared/spec/devlog-v3.1-example.md`.
    public static var example: URL { root.appendingPathComponent("spec/devlog-v3.1-example.md") }

    /// Every corpus file and the spec example, sorted by name; empty when `../shared` is absent.
    public static var devlogFiles: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        let files = names.filter { $0.hasSuffix(".md") }.sorted().map { corpus.appendingPathComponent($0) }
        return files.isEmpty ? [] : files + [example]
    }

    /// A file's text with LF line ends and trailing spaces trimmed: what a round trip must reproduce.
    public static func normalized(_ data: Data) -> String {
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line -> String in
                var line = Substring(line)
                while line.last == " " || line.last == "\t" { line = line.dropLast() }
                return String(line)
            }
        var joined = lines.joined(separator: "\n")
        if !joined.hasSuffix("\n") { joined += "\n" }
        return joined
    }
}
