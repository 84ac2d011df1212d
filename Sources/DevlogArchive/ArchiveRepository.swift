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

    /// The files under the directory in `commit`'s tree (none for `nil`, an unborn HEAD), by path
    /// from the top level.
    func files(in commit: String?) async throws -> [String: TreeFile] {
        guard let commit else { return [:] }
        let listing = try await git.run(["ls-tree", "-r", "-z", "--full-tree", commit, "--", "\(directory)/"])
        var files: [String: TreeFile] = [:]
        for record in listing.split(separator: "\0") {
            // `<mode> <type> <object>\t<path>`
            guard let tab = record.firstIndex(of: "\t") else { continue }
            let fields = record[..<tab].split(separator: " ")
            guard fields.count == 3, fields[1] == "blob" else { continue }
            files[String(record[record.index(after: tab)...])] = TreeFile(mode: String(fields[0]), blob: String(fields[2]))
        }
        return files
    }

    /// The index text for a directory holding the devlogs `texts` (path → markdown); other paths
    /// (the index itself, non-markdown files) are left out.
    func index(texts: [String: String]) -> String {
        var devlogs: [String: String] = [:]
        for (path, text) in texts where isDevlog(path, mode: "100644") {
            devlogs[relative(path)] = text
        }
        return DevlogIndex(files: devlogs).markdown
    }

    /// The text of every devlog among `files`, and of the index when it is one of them, from one
    /// `git cat-file --batch` (none when there is nothing to read).
    func devlogTexts(_ files: [String: TreeFile]) async throws -> [String: String] {
        let wanted = files.filter { isDevlog($0.key, mode: $0.value.mode) || $0.key == indexPath }.sorted { $0.key < $1.key }
        let contents = try await contents(of: wanted.map(\.value.blob))
        return Dictionary(uniqueKeysWithValues: zip(wanted, contents).map { ($0.key, String(decoding: $1, as: UTF8.self)) })
    }

    /// A new scratch index file (to pass as `GIT_INDEX_FILE`) holding `base`'s tree, empty for
    /// `nil`; the caller deletes it.
    func scratchIndex(base: String?) async throws -> URL {
        let indexFile = FileManager.default.temporaryDirectory.appendingPathComponent("devlog-index-\(UUID().uuidString)")
        do {
            try await git.run(base.map { ["read-tree", $0] } ?? ["read-tree", "--empty"], environment: ["GIT_INDEX_FILE": indexFile.path])
        } catch {
            try? FileManager.default.removeItem(at: indexFile)
            throw error
        }
        return indexFile
    }

    /// The two commands of a commit that read their work from standard input, started before
    /// the files they commit are written (``startCommit(scratchIndex:)``).
    struct CommitCommands: Sendable {
        let git: Git
        let scratchIndex: URL
        /// `update-index --add --stdin` on the scratch index.
        let addToScratch: StartedGit
        /// `update-ref --stdin`.
        let updateRef: StartedGit
        /// `update-index --add --stdin` on the user's own index, started by the archive once it
        /// knows it commits (it holds that index's lock from then): ``stage(_:)`` feeds it.
        var updateUserIndex: StartedGit?

        /// The scratch index's tree with `paths` added from the work tree (their blobs written as
        /// git stores them, filters applied).
        func tree(adding paths: [String]) async throws -> String {
            try await addToScratch.finish(input: ArchiveRepository.pathList(paths))
            return try await git.run(["write-tree"], environment: ["GIT_INDEX_FILE": scratchIndex.path]).trimmedLine
        }

        /// Moves HEAD (through its branch, if any) to `commit`, only from `head` (`nil`: HEAD's
        /// branch must not exist yet).
        func moveRef(to commit: String, from head: String?) async throws {
            let expected = head ?? String(repeating: "0", count: commit.count)
            try await updateRef.finish(input: Data("update HEAD\0\(commit)\0\(expected)\0".utf8))
        }

        /// Moves only `paths`' entries of the user's index to the committed content; the rest
        /// stays staged as it was.
        func stage(_ paths: [String]) async throws {
            let input = ArchiveRepository.pathList(paths)
            if let updateUserIndex {
                try await updateUserIndex.finish(input: input)
            } else {
                try await git.run(ArchiveRepository.addPaths, input: input)
            }
        }

        /// Lets the commands not yet fed end without doing anything; they are waited for, so the
        /// scratch index is not rewritten after it is deleted and the user's is unlocked.
        func abandon() async {
            _ = try? await addToScratch.finish()
            _ = try? await updateRef.finish()
            _ = try? await updateUserIndex?.finish()
        }
    }

    /// Starts the commands that add the devlog files to `scratchIndex` and move HEAD, before
    /// those files are written: each git command's start-up (~1 ms) overlaps the caller's work.
    /// `updateRef`: the ref update started already (``startRefUpdate(_:)``), if any.
    func startCommit(scratchIndex: URL, updateRef: StartedGit? = nil) async throws -> CommitCommands {
        let add = try git.start(Self.addPaths, environment: ["GIT_INDEX_FILE": scratchIndex.path])
        do {
            return CommitCommands(git: git, scratchIndex: scratchIndex, addToScratch: add, updateRef: try updateRef ?? Self.startRefUpdate(git))
        } catch {
            _ = try? await add.finish()
            throw error
        }
    }

    /// `update-index` adding the files named on standard input (``pathList(_:)``), blobs and all.
    static let addPaths = ["update-index", "--add", "-z", "--stdin"]

    /// `paths` as ``addPaths`` reads them: each ended by a NUL.
    static func pathList(_ paths: [String]) -> Data {
        Data(paths.map { $0 + "\0" }.joined().utf8)
    }

    /// `update-ref --stdin` in any directory of the work tree, waiting for the ref to move.
    static func startRefUpdate(_ git: Git) throws -> StartedGit {
        try git.start(["update-ref", "-z", "--stdin", "-m", "devlog: archive"])
    }

    /// `base`'s tree (empty when `nil`) with `blobs` (path → blob, mode 100644) set.
    func tree(base: String?, setting blobs: [String: String]) async throws -> String {
        let indexFile = try await scratchIndex(base: base)
        defer { try? FileManager.default.removeItem(at: indexFile) }
        let scratch = ["GIT_INDEX_FILE": indexFile.path]
        if !blobs.isEmpty {
            let entries = blobs.sorted { $0.key < $1.key }.flatMap { ["--cacheinfo", "100644,\($0.value),\($0.key)"] }
            try await git.run(["update-index", "--add"] + entries, environment: scratch)
        }
        return try await git.run(["write-tree"], environment: scratch).trimmedLine
    }

    /// The tree of `base` (empty when `nil`) with `devlogs` (path → blob) set and the index
    /// regenerated from every devlog the result holds.
    func buildTree(base: String?, devlogs: [String: String]) async throws -> String {
        var files = try await files(in: base)
        for (path, blob) in devlogs { files[path] = TreeFile(mode: "100644", blob: blob) }
        let index = index(texts: try await devlogTexts(files))
        let indexBlob = try await git.run(
            ["hash-object", "-w", "--stdin", "--path=\(indexPath)"], input: Data(index.utf8)
        ).trimmedLine
        return try await tree(base: base, setting: devlogs.merging([indexPath: indexBlob]) { _, new in new })
    }

    /// Creates a commit of `tree` on `parent`; `environment` may carry the original author of a
    /// rebased commit.
    func commitTree(_ tree: String, parent: String?, message: String, environment: [String: String] = [:]) async throws -> String {
        let parents = parent.map { ["-p", $0] } ?? []
        return try await git.run(["commit-tree", tree] + parents + ["-F", "-"], input: Data(message.utf8), environment: environment)
            .trimmedLine
    }

    /// A markdown file of the directory, not the index itself (symlinks and submodules left out).
    private func isDevlog(_ path: String, mode: String) -> Bool {
        (mode == "100644" || mode == "100755") && path != indexPath && path.hasPrefix("\(directory)/") && path.lowercased().hasSuffix(".md")
    }

    private func relative(_ path: String) -> String {
        String(path.dropFirst(directory.count + 1))
    }

    /// The blobs' bytes, from one `git cat-file --batch`.
    private func contents(of blobs: [String]) async throws -> [Data] {
        guard !blobs.isEmpty else { return [] }
        let request = blobs.joined(separator: "\n") + "\n"
        let batch = try await git.execute(["cat-file", "--batch"], input: Data(request.utf8))
        guard batch.status == 0 else {
            throw GitError.failed(arguments: ["cat-file", "--batch"], directory: git.directory, status: batch.status, stderr: batch.stderr)
        }
        return try Self.batchContents(batch.data, count: blobs.count)
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
