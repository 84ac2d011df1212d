import Foundation

extension ArchiveRepository {
    /// `base`'s tree (empty when `nil`) with `blobs` (path from the top level → blob, mode
    /// 100644; `nil` removes the file) set. Only the trees on the way to a changed file are listed
    /// and written again (`git ls-tree`, `git mktree`); every other tree is shared as it is, so
    /// the work grows with the folders touched, not with all the files a long history left in
    /// them; trees in `listed` (``TreeListing/trees``) are not listed at all. A folder left empty
    /// is left out.
    func tree(base: String?, setting blobs: [String: String?], listed: [String: [UInt8]] = [:]) async throws -> String {
        let changes = blobs.map { (relative: Substring($0.key), blob: $0.value) }
        if let tree = try await tree(base, path: "", setting: changes, listed: listed) { return tree }
        return try await git.run(["mktree", "-z", "--missing"], input: Data()).trimmedLine
    }

    /// The tree at `path` (`""` or ending in `/`), from `base` (a tree-ish, `nil` for none) with
    /// `changes` (paths relative to it → blob, `nil` to remove) set; `nil` when nothing is left.
    private func tree(
        _ base: String?, path: String, setting changes: [(relative: Substring, blob: String?)], listed: [String: [UInt8]]
    ) async throws -> String? {
        var files: [String: String?] = [:]
        var folders: [String: [(relative: Substring, blob: String?)]] = [:]
        for change in changes {
            if let slash = change.relative.firstIndex(of: "/") {
                folders[String(change.relative[..<slash]), default: []].append((change.relative[change.relative.index(after: slash)...], change.blob))
            } else {
                files[String(change.relative)] = change.blob
            }
        }
        // `<mode> <type> <object>\t<name>`, NUL-ended: what `ls-tree -z` lists and `mktree -z`
        // reads. Entries that do not change pass through as listed; the listing is one record per
        // devlog of a day, so it is read as bytes.
        var listing: [UInt8] = []
        var existing: [String: (type: Substring, object: String)] = [:]
        if let base {
            let changedNames = Array(files.keys) + Array(folders.keys)
            let records = if let known = listed[base] { known } else { [UInt8](try await git.data(["ls-tree", "-z", base])) }
            for record in records.split(separator: 0) {
                guard let tab = record.firstIndex(of: UInt8(ascii: "\t")) else { continue }
                let name = record[(tab + 1)...]
                if let changed = changedNames.first(where: { $0.utf8.elementsEqual(name) }) {
                    let fields = String(decoding: record[..<tab], as: UTF8.self).split(separator: " ")
                    if fields.count == 3 { existing[changed] = (fields[1], String(fields[2])) }
                } else {
                    listing += record
                    listing.append(0)
                }
            }
        }
        for (name, blob) in files {
            guard existing[name]?.type != "tree" else { throw Self.kindClash("\(path)\(name)", is: "a folder") }
            if let blob { listing += Array("100644 blob \(blob)\t\(name)\0".utf8) }
        }
        for (name, inside) in folders {
            guard existing[name] == nil || existing[name]?.type == "tree" else { throw Self.kindClash("\(path)\(name)", is: "a file") }
            if let subtree = try await tree(existing[name]?.object, path: "\(path)\(name)/", setting: inside, listed: listed) {
                listing += Array("040000 tree \(subtree)\t\(name)\0".utf8)
            }
        }
        guard !listing.isEmpty else { return nil }
        // `--missing`: every object listed is in a tree already or was just written, so git need
        // not look each one up again.
        return try await git.run(["mktree", "-z", "--missing"], input: Data(listing)).trimmedLine
    }

    /// A devlog path that names what the tree already holds as something else.
    private static func kindClash(_ path: String, is kind: String) -> ArchiveError {
        ArchiveError.invalidPath(field: "devlog path", value: path, reason: "is \(kind) in the commit it would be added to")
    }
}
