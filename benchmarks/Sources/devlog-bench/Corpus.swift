import DevlogImport
import DevlogMarkdown
import DevlogModel
import Foundation

/// The devlogs every benchmark uses: the v3.1 markdown files of a folder (the shared corpus), or
/// one cycle file (the bundled example, when the corpus is absent).
struct Corpus {
    /// File name (without extension) and devlog, sorted by name so both sides see one order.
    let devlogs: [(name: String, devlog: Devlog)]

    init(path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BenchError("\(path): no such corpus folder or cycle file")
        }
        let files: [String]
        if isDirectory.boolValue {
            files = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".md") }.sorted()
                .map { (path as NSString).appendingPathComponent($0) }
        } else {
            files = [path]
        }
        devlogs = try files.map { file -> (name: String, devlog: Devlog) in
            guard let input = InputFile(path: file) else { throw BenchError("\(file): not a .md, .json or .yaml file") }
            let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            return (name: name, devlog: try input.read())
        }
        if devlogs.isEmpty { throw BenchError("\(path): no .md devlogs in this folder") }
    }
}
