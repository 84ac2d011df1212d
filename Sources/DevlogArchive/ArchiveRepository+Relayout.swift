import Foundation

extension ArchiveRepository {
    /// `base`'s tree with every devlog outside a day folder moved into the day folder of its own
    /// date (keeping its path below the directory) and every index written again; `nil` when
    /// there is none to move. Returns the tree and the paths moved to.
    func relayout(base: String) async throws -> (tree: String, moved: [String])? {
        var files = try await listing(base, paths: ["\(directory)/"])
        let outside = files.filter { isDevlog($0.key, mode: $0.value.mode) && day(of: $0.key) == nil }.sorted { $0.key < $1.key }
        guard !outside.isEmpty else { return nil }
        var entries: [String] = []
        var moved: [String] = []
        let texts = try await contents(of: outside.map(\.value.blob))
        for ((path, file), text) in zip(outside, texts) {
            let day = DayFolderIndex.folder(forDate: DevlogMetadata(markdown: String(decoding: text, as: UTF8.self)).date)
            let target = dayPath(day) + path.dropFirst(directory.count + 1)
            if let there = files[target], there != file {
                throw ArchiveError.invalidPath(field: "devlog path", value: target, reason: "already holds another devlog than \(path)")
            }
            files[path] = nil
            files[target] = file
            entries += ["0 \(String(repeating: "0", count: file.blob.count))\t\(path)", "\(file.mode) \(file.blob)\t\(target)"]
            moved.append(target)
        }
        // Every day's index is read again; the directory's, from before day folders, is replaced.
        let days = Set(files.keys.compactMap(day(of:)))
        files[indexPath] = nil
        // Every day is counted here: nothing is left to recount.
        let indexes = try await indexes(of: files, days: days) { [:] }
        for (path, text) in indexes {
            entries.append("100644 \(try await writeBlob(text, path: path))\t\(path)")
        }
        return (try await tree(base: base, changing: entries), moved)
    }

    /// `base`'s tree with `entries` (`update-index --index-info` lines: `<mode> <blob>\t<path>`,
    /// mode 0 to remove) applied, built in an index of its own so the user's stays untouched.
    private func tree(base: String, changing entries: [String]) async throws -> String {
        let path = try await git.run(["rev-parse", "--git-path", "devlog-relayout.index"]).trimmedLine
        let file = path.hasPrefix("/") ? path : git.directory.appendingPathComponent(path).path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let own = ["GIT_INDEX_FILE": file]
        try await git.run(["read-tree", base], environment: own)
        try await git.run(["update-index", "-z", "--index-info"], input: Data(entries.map { $0 + "\0" }.joined().utf8), environment: own)
        return try await git.run(["write-tree"], environment: own).trimmedLine
    }
}
