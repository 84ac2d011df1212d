import Foundation

extension ArchiveRepository {
    /// `base`'s tree with every devlog outside a day folder moved into the day folder of its own
    /// date (``DayFolderIndex/folder(forDevlog:)``), keeping its path below the directory, and
    /// every index written again; `nil` when there is none to move. Returns the tree, how many
    /// devlogs moved, and the paths new to the tree with their blobs (a devlog whose copy was in
    /// its day folder already only leaves its old place).
    func relayout(base: String) async throws -> (tree: String, count: Int, placed: [String: String])? {
        let committed = try await listing(base, paths: ["\(directory)/"])
        var files = committed.files
        let outside = files.filter { isDevlog($0.key, mode: $0.value.mode) && day(of: $0.key) == nil }.sorted { $0.key < $1.key }
        guard !outside.isEmpty else { return nil }
        var changes: [String: String?] = [:]
        var placed: [String: String] = [:]
        let texts = try await contents(of: outside.map(\.value.blob))
        for ((path, file), text) in zip(outside, texts) {
            let day = DayFolderIndex.folder(forDevlog: String(decoding: text, as: UTF8.self))
            let target = dayPath(day) + path.dropFirst(directory.count + 1)
            if let there = files[target], there != file {
                throw ArchiveError.invalidPath(field: "devlog path", value: target, reason: "already holds another devlog than \(path)")
            }
            changes[path] = .some(nil)
            if files[target] == nil {
                changes[target] = file.blob
                placed[target] = file.blob
            }
            files[path] = nil
            files[target] = file
        }
        // Every day's index is read again; the directory's, from before day folders, is replaced.
        let days = Set(files.keys.compactMap(day(of:)))
        files[indexPath] = nil
        // Every day is counted here: nothing is left to recount.
        let indexes = try await indexes(of: files, days: days) { [:] }
        for (path, text) in indexes {
            changes[path] = try await writeBlob(text, path: path)
        }
        return (try await tree(base: base, setting: changes, listed: committed.trees), outside.count, placed)
    }
}
