import Foundation

/// The git plumbing the archiver runs in one work tree. Trees are built in a temporary index
/// (`GIT_INDEX_FILE`), so the user's index is never used to build a commit.
struct ArchiveRepository: Sendable {
    /// Runs in the work tree's top level, with the archive author's identity.
    let git: Git
    /// The devlog directory relative to the top level.
    let directory: String

    /// `<directory>/README.md`.
    var indexPath: String { "\(directory)/\(DevlogIndex.fileName)" }

    /// A tree and the index text it holds.
    struct BuiltTree: Sendable {
        var tree: String
        var index: String
    }

    /// The object `revision` names, or `nil` when it does not exist (an unborn HEAD, a path
    /// missing from a commit).
    func resolve(_ revision: String) async throws -> String? {
        let output = try await git.execute(["rev-parse", "-q", "--verify", revision])
        return output.status == 0 ? output.stdout.trimmedLine : nil
    }

    /// The tree of `base` (empty when `nil`) with `devlogs` (path → blob) set and the index
    /// regenerated from every devlog the result holds.
    func buildTree(base: String?, devlogs: [String: String]) async throws -> BuiltTree {
        let indexFile = FileManager.default.temporaryDirectory.appendingPathComponent("devlog-index-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: indexFile) }
        let scratch = ["GIT_INDEX_FILE": indexFile.path]

        try await git.run(base.map { ["read-tree", $0] } ?? ["read-tree", "--empty"], environment: scratch)
        if !devlogs.isEmpty {
            let entries = devlogs.sorted { $0.key < $1.key }.flatMap { ["--cacheinfo", "100644,\($0.value),\($0.key)"] }
            try await git.run(["update-index", "--add"] + entries, environment: scratch)
        }
        let files = try await devlogTexts(environment: scratch)
        let index = DevlogIndex(files: files).markdown
        let indexBlob = try await git.run(
            ["hash-object", "-w", "--stdin", "--path=\(indexPath)"], input: Data(index.utf8)
        ).trimmedLine
        try await git.run(["update-index", "--add", "--cacheinfo", "100644,\(indexBlob),\(indexPath)"], environment: scratch)
        let tree = try await git.run(["write-tree"], environment: scratch).trimmedLine
        return BuiltTree(tree: tree, index: index)
    }

    /// Creates a commit of `tree` on `parent`; `environment` may carry the original author of a
    /// rebased commit.
    func commitTree(_ tree: String, parent: String?, message: String, environment: [String: String] = [:]) async throws -> String {
        let parents = parent.map { ["-p", $0] } ?? []
        return try await git.run(["commit-tree", tree] + parents + ["-F", "-"], input: Data(message.utf8), environment: environment)
            .trimmedLine
    }

    /// The markdown devlogs in the scratch index under the directory, keyed by their path
    /// relative to it (the index file left out).
    private func devlogTexts(environment: [String: String]) async throws -> [String: String] {
        let listing = try await git.run(["ls-files", "-s", "-z", "--", "\(directory)/"], environment: environment)
        var blobs: [(path: String, blob: String)] = []
        for record in listing.split(separator: "\0") {
            // `<mode> <blob> <stage>\t<path>`
            guard let tab = record.firstIndex(of: "\t") else { continue }
            let fields = record[..<tab].split(separator: " ")
            let path = String(record[record.index(after: tab)...])
            guard fields.count == 3, fields[0] == "100644" || fields[0] == "100755",
                path != indexPath, path.lowercased().hasSuffix(".md")
            else { continue }
            blobs.append((String(path.dropFirst(directory.count + 1)), String(fields[1])))
        }
        guard !blobs.isEmpty else { return [:] }
        let request = blobs.map(\.blob).joined(separator: "\n") + "\n"
        let batch = try await git.execute(["cat-file", "--batch"], input: Data(request.utf8))
        guard batch.status == 0 else {
            throw GitError.failed(arguments: ["cat-file", "--batch"], directory: git.directory, status: batch.status, stderr: batch.stderr)
        }
        let contents = try Self.batchContents(batch.data, count: blobs.count)
        var files: [String: String] = [:]
        for (entry, content) in zip(blobs, contents) {
            files[entry.path] = String(decoding: content, as: UTF8.self)
        }
        return files
    }

    /// Splits `cat-file --batch` output (`<oid> blob <size>\n<bytes>\n` per object).
    private static func batchContents(_ data: Data, count: Int) throws -> [Data] {
        let bytes = [UInt8](data)
        var contents: [Data] = []
        var position = 0
        while contents.count < count {
            guard let newline = bytes[position...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let header = String(decoding: bytes[position..<newline], as: UTF8.self).split(separator: " ")
            guard header.count == 3, let size = Int(header[2]), newline + 1 + size <= bytes.count else { break }
            contents.append(Data(bytes[(newline + 1)..<(newline + 1 + size)]))
            position = newline + 1 + size + 1
        }
        guard contents.count == count else {
            throw GitError.failed(
                arguments: ["cat-file", "--batch"], directory: URL(fileURLWithPath: "."), status: 0,
                stderr: "unexpected `git cat-file --batch` output: read \(contents.count) of \(count) devlogs")
        }
        return contents
    }
}
