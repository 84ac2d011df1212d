public import DevlogModel
import DevlogMarkdown
import Foundation

/// One file `devlog import` reads: a v3.1 markdown devlog, or a JSON/YAML cycle file.
public struct InputFile: Sendable {
    /// The formats import understands, by file extension.
    public enum Format: String, Sendable, CaseIterable {
        case markdown, json, yaml

        /// The format a path's extension names; `nil` for other files.
        public init?(path: String) {
            switch (path as NSString).pathExtension.lowercased() {
            case "md", "markdown": self = .markdown
            case "json": self = .json
            case "yaml", "yml": self = .yaml
            default: return nil
            }
        }
    }

    /// The largest file accepted; a devlog is a few KiB, so more is a mistake, not a devlog.
    public static let maximumBytes = 16 << 20

    /// The path as the user gave it.
    public let path: String
    /// Its format.
    public let format: Format

    /// A file to read; `nil` when its extension names no format import understands.
    public init?(path: String) {
        guard let format = Format(path: path) else { return nil }
        self.path = path
        self.format = format
    }

    /// Reads and parses the file.
    public func read() throws(ImportError) -> Devlog {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.contents(of: path, limit: Self.maximumBytes)
        } catch .tooLarge(let size) {
            throw ImportError(file: path, message: "file is \(size >> 20) MiB, over the \(Self.maximumBytes >> 20) MiB limit; is this a devlog?")
        } catch {
            throw ImportError(file: path, message: "cannot read the file; check that it exists and is readable")
        }
        return try parse(bytes: bytes)
    }

    /// Parses bytes already read.
    public func parse(_ data: Data) throws(ImportError) -> Devlog {
        try parse(bytes: Array(data))
    }

    private func parse(bytes: [UInt8]) throws(ImportError) -> Devlog {
        switch format {
        case .markdown:
            do {
                return try MarkdownParser().parse(bytes, file: path)
            } catch {
                throw ImportError(file: path, line: error.line == 0 ? nil : error.line, message: error.reason)
            }
        case .json, .yaml:
            return try CycleFileReader().read(bytes, file: path)
        }
    }

    /// Every importable file under the given paths: files as given, directories searched
    /// recursively (hidden entries and `README.md` files skipped), in a stable order. An archive's
    /// `README.md` files are its indexes, not devlogs, and an archive never names a devlog so.
    public static func expand(_ paths: [String]) -> (files: [InputFile], problems: [ImportError]) {
        var files: [InputFile] = []
        var problems: [ImportError] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(ImportError(file: path, message: "no such file or directory"))
                continue
            }
            guard isDirectory.boolValue else {
                if let file = InputFile(path: path) {
                    files.append(file)
                } else {
                    problems.append(ImportError(file: path, message: "not a .md, .json, .yaml or .yml file; rename it or leave it out"))
                }
                continue
            }
            guard let relatives = FileSystem.regularFiles(under: path) else { continue }
            // Other files in a folder are left out without a word (InputFile(path:) is nil for them).
            files += relatives.filter { ($0 as NSString).lastPathComponent != "README.md" }
                .map { (path as NSString).appendingPathComponent($0) }.sorted().compactMap(InputFile.init(path:))
        }
        return (files, problems)
    }
}
