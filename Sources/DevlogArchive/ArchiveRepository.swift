import Crypto
import DevlogModel
import Foundation

/// The git plumbing the archiver runs in one work tree. Trees are built from tree listings
/// (`git mktree`), so the user's index is never used to build a commit.
struct ArchiveRepository: Sendable {
    /// Runs in the work tree's top level, with the archive author's identity.
    let git: Git
    /// The devlog directory relative to the top level.
    let directory: String

    /// `<directory>/README.md`: the index of the day folders.
    var indexPath: String { "\(directory)/\(DevlogIndex.fileName)" }

    /// `<directory>/<day>/`: a day folder, from the top level.
    func dayPath(_ day: String) -> String { "\(directory)/\(day)/" }

    /// `<directory>/<day>/README.md`: the index of a day's devlogs.
    func dayIndexPath(_ day: String) -> String { dayPath(day) + DevlogIndex.fileName }

    /// The day folder `path` (from the top level) lies in, if any.
    func day(of path: String) -> String? {
        guard path.hasPrefix("\(directory)/") else { return nil }
        let inside = path.dropFirst(directory.count + 1)
        guard let slash = inside.firstIndex(of: "/"), DayFolderIndex.isFolder(inside[..<slash]) else { return nil }
        return String(inside[..<slash])
    }

    /// Whether `path` is one of the indexes devlog writes: the directory's or a day's.
    func isIndex(_ path: String) -> Bool {
        path == indexPath || day(of: path).map { path == dayIndexPath($0) } ?? false
    }

    /// A file of a tree: its mode (`100644`) and blob.
    struct TreeFile: Sendable, Equatable {
        var mode: String
        var blob: String
    }

    /// The object `revision` names, or `nil` when it does not exist (an unborn HEAD, a path
    /// missing from a commit).
    func resolve(_ revision: String) async throws -> String? {
        let output = try await git.execute(["rev-parse", "-q", "--verify", revision])
        return output.status == 0 ? output.stdout.trimmedLine : nil
    }

    /// `commit`'s tree; `nil` for `nil` (an unborn HEAD).
    func tree(of commit: String?) async throws -> String? {
        guard let commit else { return nil }
        return try await resolve("\(commit)^{tree}")
    }

    /// The files of `days`' folders in `commit`'s tree (none for `nil`, an unborn HEAD), and the
    /// directory's own index, by path from the top level: what an archive into those days reads,
    /// however many other days the directory holds. Whether the directory is in the tree at all
    /// (`folders`) says whether other days may hold devlogs to count.
    func files(in commit: String?, days: Set<String>) async throws -> TreeListing {
        try await listing(commit, paths: [indexPath] + days.sorted().map(dayPath))
    }

    /// The index texts (path from the top level → text) of `days` and of the directory, brought
    /// up to date with `files` (those ``files(in:days:)`` read, with the new devlogs set). Each
    /// day index is updated from its committed text, reading only the devlogs that are new or
    /// changed (in one `git cat-file --batch`); the directory's index changes those days' lines,
    /// or is written anew from `recount` (each other day folder's devlogs) when it is not one
    /// devlog wrote.
    func indexes(
        of files: [String: TreeFile], days: Set<String>, known: [String: String] = [:], recount: () async throws -> [String: Int]
    ) async throws -> [String: String] {
        let committed = try await texts(of: ([indexPath] + days.map(dayIndexPath)).reduce(into: [:]) { $0[$1] = files[$1]?.blob })
        var texts: [String: String] = [:]
        var counts: [String: Int] = [:]
        for day in days {
            let folder = dayPath(day)
            var devlogs: [String: String] = [:]
            for (path, file) in files where path.hasPrefix(folder) && isDevlog(path, mode: file.mode) {
                devlogs[String(path.dropFirst(folder.count))] = file.blob
            }
            counts[day] = devlogs.count
            texts[dayIndexPath(day)] = try await DevlogIndex.markdown(updating: committed[dayIndexPath(day)], devlogs: devlogs) { unread in
                let stored = unread.filter { known[$0.blob] == nil }
                let read = Dictionary(zip(stored.map(\.blob), try await contents(of: stored.map(\.blob)).map { String(decoding: $0, as: UTF8.self) })) { a, _ in a }
                return unread.map { devlog in
                    DevlogIndex.Row(path: devlog.path, blob: devlog.blob, metadata: DevlogMetadata(markdown: known[devlog.blob] ?? read[devlog.blob] ?? ""))
                }
            }
        }
        texts[indexPath] = try await DayFolderIndex.markdown(updating: committed[indexPath], counts: counts, recount: recount)
        return texts
    }

    /// How many devlogs each day folder holds in `commit`, read from the whole directory: only
    /// when its index must be written anew. Devlogs outside day folders (archived before devlog
    /// kept them by day) are refused: that index could not list them.
    private func dayCounts(in commit: String?) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        var outside = 0
        for (path, file) in try await listing(commit, paths: ["\(directory)/"]).files where isDevlog(path, mode: file.mode) {
            if let day = day(of: path) { counts[day, default: 0] += 1 } else { outside += 1 }
        }
        guard outside == 0 else { throw ArchiveError.outsideDayFolders(count: outside, directory: directory) }
        return counts
    }

    /// What `ls-tree -r -t` lists of a commit's tree at some paths.
    struct TreeListing: Sendable {
        /// The files (blobs), by path from the top level.
        var files: [String: TreeFile] = [:]
        /// The folders on the way to them, even those holding none of them.
        var folders: Set<String> = []
        /// The entries of every folder listed whole (those at or below a path ending in `/`), by
        /// tree object, as `ls-tree -z` lists a tree: a tree built from one need not list it again.
        var trees: [String: [UInt8]] = [:]
    }

    /// The files (blobs, recursively) at `paths` in `commit`'s tree, and the folders on the way
    /// to them (`-t`); none for `nil`, an unborn HEAD.
    func listing(_ commit: String?, paths: [String]) async throws -> TreeListing {
        guard let commit else { return TreeListing() }
        let whole = paths.filter { $0.hasSuffix("/") }.map { Array($0.utf8) }
        var result = TreeListing()
        // Keyed by the path's bytes: names need not be UTF-8, and a listing passes them on as they are.
        var objects: [[UInt8]: String] = [:]
        var entries: [[UInt8]: [UInt8]] = [:]
        for record in [UInt8](try await git.data(["ls-tree", "-r", "-t", "-z", "--full-tree", commit, "--"] + paths)).split(separator: 0) {
            // `<mode> <type> <object>\t<path>`
            guard let space = record.firstIndex(of: UInt8(ascii: " ")), let tab = record[space...].firstIndex(of: UInt8(ascii: "\t")) else { continue }
            let path = record[(tab + 1)...]
            let slash = path.lastIndex(of: UInt8(ascii: "/"))
            let parent = slash.map { Array(path[..<$0]) } ?? []
            if whole.contains(where: { (parent + [UInt8(ascii: "/")]).starts(with: $0) }) {
                entries[parent, default: []] += record[...tab] + path[(slash.map { $0 + 1 } ?? path.startIndex)...] + [0]
            }
            let typeAndObject = record[(space + 1)..<tab]
            if typeAndObject.starts(with: Self.treeType) {
                result.folders.insert(String(decoding: path, as: UTF8.self))
                objects[Array(path)] = String(decoding: typeAndObject.dropFirst(Self.treeType.count), as: UTF8.self)
            } else if typeAndObject.starts(with: Self.blobType) {
                // Submodules (`commit`) are no files.
                result.files[String(decoding: path, as: UTF8.self)] = TreeFile(
                    mode: String(decoding: record[..<space], as: UTF8.self),
                    blob: String(decoding: typeAndObject.dropFirst(Self.blobType.count), as: UTF8.self))
            }
        }
        for (folder, listing) in entries {
            if let object = objects[folder] { result.trees[object] = listing }
        }
        return result
    }

    /// The id git gives a blob of exactly `bytes`, in the object format of `sample` (another id:
    /// 40 hex digits for SHA-1, 64 for SHA-256). Equal to a blob's id, it says the blob is these
    /// bytes, no clean filter having changed them.
    static func blobID(of bytes: [UInt8], format sample: String) -> String {
        let object = Array("blob \(bytes.count)\0".utf8) + bytes
        return sample.utf8.count == 64 ? SHA256.hash(data: object).lowercaseHex : Insecure.SHA1.hash(data: object).lowercaseHex
    }

    /// Stores `text` as the blob git makes of a file at `path` (clean filters applied) and
    /// returns its id.
    func writeBlob(_ text: String, path: String) async throws -> String {
        try await git.run(["hash-object", "-w", "--stdin", "--path=\(path)"], input: Data(text.utf8)).trimmedLine
    }

    /// Refuses when a work tree file among `paths` (path → the blob about to be committed there)
    /// holds an edit that is neither committed nor what devlog is about to write, which writing
    /// would lose. A devlog git has never had is `devlog generate`'s output, not an edit.
    func refuseUncommittedEdits(_ paths: [String: String], committed: [String: TreeFile]) async throws {
        let present = paths.keys.sorted().filter { path in
            guard committed[path] != nil || isIndex(path), let bytes = workTreeBytes(path), let blob = paths[path] else { return false }
            // A file that is, byte for byte, the committed blob or the one about to be written holds
            // no edit; git hashes the others, its filters applied.
            let id = Self.blobID(of: [UInt8](bytes), format: blob)
            return id != blob && id != committed[path]?.blob
        }
        let hashes = try await workTreeBlobs(present)
        for path in present where hashes[path] != paths[path] && hashes[path] != committed[path]?.blob {
            throw ArchiveError.uncommittedEdit(path: path)
        }
    }

    /// Removes the work tree files among `blobs` (path → blob) that git does not track and that
    /// hold exactly that blob, so a checkout that brings the blob there can write it.
    func removeUntrackedCopies(of blobs: [String: String]) async throws {
        let present = blobs.keys.sorted().filter { FileManager.default.fileExists(atPath: workTreeURL($0).path) }
        for (path, hash) in try await workTreeBlobs(present) where hash == blobs[path] {
            try FileManager.default.removeItem(at: workTreeURL(path))
        }
    }

    /// The work tree file at `path` (from the top level, where git runs).
    private func workTreeURL(_ path: String) -> URL {
        git.directory.appendingPathComponent(path)
    }

    /// The bytes of the work tree file at `path`; `nil` when there is none.
    private func workTreeBytes(_ path: String) -> Data? {
        FileManager.default.contents(atPath: workTreeURL(path).path)
    }

    /// The blob git would store for each work tree file of `paths` (from the top level), its clean
    /// filters applied, from one `git hash-object`.
    private func workTreeBlobs(_ paths: [String]) async throws -> [String: String] {
        guard !paths.isEmpty else { return [:] }
        let hashes = try await git.run(["hash-object", "--"] + paths).split(separator: "\n").map(String.init)
        return Dictionary(uniqueKeysWithValues: zip(paths, hashes))
    }

    /// `update-index` adding the files named on standard input (``pathList(_:)``), blobs and all.
    private static let addPaths = ["update-index", "--add", "-z", "--stdin"]

    /// `paths` as ``addPaths`` reads them: each ended by a NUL.
    private static func pathList(_ paths: [String]) -> Data {
        Data(paths.map { $0 + "\0" }.joined().utf8)
    }

    /// Moves HEAD (through its branch, if any) to `commit`, only from `head` (`nil`: HEAD's
    /// branch must not exist yet), so a commit someone made meanwhile is never overwritten.
    func moveHead(to commit: String, from head: String?, message: String = "devlog: archive") async throws {
        let expected = head ?? String(repeating: "0", count: commit.count)
        try await git.run(["update-ref", "-z", "--stdin", "-m", message],
                          input: Data("update HEAD\0\(commit)\0\(expected)\0".utf8))
    }

    /// Moves HEAD from `old` to `new`, then the user's index and work tree the way `git checkout`
    /// would, keeping their own changes. HEAD moves first, only from `old`: when that loses a
    /// race, nothing of the user's was touched. When their changes cannot follow, HEAD goes back
    /// and the error `failure` makes of git's words is thrown.
    func advance(from old: String, to new: String, message: String, failure: (String) -> ArchiveError) async throws {
        try await moveHead(to: new, from: old, message: message)
        let moved = try await git.execute(["read-tree", "-m", "-u", old, new])
        guard moved.status == 0 else {
            try await moveHead(to: old, from: new, message: "devlog: undo what the work tree cannot follow")
            throw failure(moved.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// Moves only `paths`' entries of the user's index to the committed content; the rest stays
    /// staged as it was.
    func stage(_ paths: [String]) async throws {
        try await git.run(Self.addPaths, input: Self.pathList(paths))
    }

    /// The tree of `base` (empty when `nil`) with `devlogs` (path → blob) set and the indexes
    /// brought up to date with them.
    func buildTree(base: String?, devlogs: [String: String]) async throws -> String {
        let updated = try await withIndexes(base: base, devlogs: devlogs)
        return try await tree(base: base, setting: updated.blobs, listed: updated.committed.trees)
    }

    /// `devlogs` (path from the top level → blob) to set on `base`, with the indexes brought up
    /// to date with them: their day folders as committed, every blob to set (the indexes'
    /// written), and the indexes' texts. `known` (blob → text) are blobs whose text is at hand,
    /// which need not be read back from git.
    func withIndexes(base: String?, devlogs: [String: String], known: [String: String] = [:]) async throws
        -> (committed: TreeListing, blobs: [String: String], indexes: [String: String])
    {
        let days = Set(devlogs.keys.compactMap(day(of:)))
        let committed = try await files(in: base, days: days)
        var files = committed.files
        for (path, blob) in devlogs { files[path] = TreeFile(mode: "100644", blob: blob) }
        let indexes = try await indexes(of: files, days: days, known: known) {
            committed.folders.contains(directory) ? try await dayCounts(in: base) : [:]
        }
        var blobs = devlogs
        for (path, text) in indexes { blobs[path] = try await writeBlob(text, path: path) }
        return (committed, blobs, indexes)
    }

    /// Creates a commit of `tree` on `parent`; `environment` may carry the original author of a
    /// rebased commit.
    func commitTree(_ tree: String, parent: String?, message: String, environment: [String: String] = [:]) async throws -> String {
        let parents = parent.map { ["-p", $0] } ?? []
        return try await git.run(["commit-tree", tree] + parents + ["-F", "-"], input: Data(message.utf8), environment: environment)
            .trimmedLine
    }

    /// `tree ` and `blob ` in a tree listing.
    private static let treeType = Array("tree ".utf8), blobType = Array("blob ".utf8)

    /// A markdown file of the directory, not the index itself (symlinks and submodules left out).
    func isDevlog(_ path: String, mode: String) -> Bool {
        guard mode == "100644" || mode == "100755", path.hasPrefix("\(directory)/"), !isIndex(path) else { return false }
        // `.md` in any case, read on the last three bytes: a history has a path per devlog.
        let suffix = path.utf8.suffix(3).map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 | 0x20 : $0 }
        return suffix.elementsEqual(".md".utf8)
    }

    /// The text of each blob of `files` (path from the top level → blob): read from the work
    /// tree where the file there is that blob byte for byte, as after a clean checkout, and from
    /// git (one `git cat-file --batch`) otherwise.
    func texts(of files: [String: String]) async throws -> [String: String] {
        var texts: [String: String] = [:]
        var unread: [String] = []
        for (path, blob) in files {
            if let bytes = workTreeBytes(path), Self.blobID(of: [UInt8](bytes), format: blob) == blob {
                texts[path] = String(decoding: bytes, as: UTF8.self)
            } else {
                unread.append(path)
            }
        }
        for (path, bytes) in zip(unread, try await contents(of: unread.compactMap { files[$0] })) {
            texts[path] = String(decoding: bytes, as: UTF8.self)
        }
        return texts
    }

    /// The blobs' bytes, from one `git cat-file --batch`.
    func contents(of blobs: [String]) async throws -> [Data] {
        guard !blobs.isEmpty else { return [] }
        let request = blobs.joined(separator: "\n") + "\n"
        return try Self.batchContents(try await git.data(["cat-file", "--batch"], input: Data(request.utf8)), count: blobs.count)
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
