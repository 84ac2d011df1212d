@testable import DevlogArchive
import Foundation
import Logging

/// A temporary directory for one test's repositories, with git isolated from the machine's
/// global and system configuration (as on CI, where no identity is configured).
struct TestRepository {
    /// Keeps the developer's ~/.gitconfig (signing, hooks, identity) out of the tests.
    static let isolation = ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]
    static let logger: Logger = {
        var logger = Logger(label: "DevlogArchiveTests")
        logger.logLevel = .error
        return logger
    }()

    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("devlog-archive-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    func url(_ name: String) -> URL { root.appendingPathComponent(name, isDirectory: true) }

    /// Runs git in `directory` (relative to the root, or the root itself).
    @discardableResult
    func git(_ arguments: String..., in directory: String = "") async throws -> String {
        try await git(arguments, in: directory)
    }

    /// `git init -b main` plus a local identity for the commits the test itself makes.
    func initRepository(_ name: String, identity: Bool = true) async throws {
        try FileManager.default.createDirectory(at: url(name), withIntermediateDirectories: true)
        try await git("init", "-q", "-b", "main", in: name)
        if identity { try await setIdentity(in: name) }
    }

    func setIdentity(in name: String) async throws {
        try await git("config", "user.name", "Test User", in: name)
        try await git("config", "user.email", "test@example.invalid", in: name)
    }

    func write(_ text: String, to path: String, in name: String) throws {
        let file = url(name).appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func read(_ path: String, in name: String) throws -> String {
        try String(contentsOf: url(name).appendingPathComponent(path), encoding: .utf8)
    }

    /// Commits `files` (path → text) in `name` as the test user.
    func commit(_ files: [String: String], message: String, in name: String) async throws {
        for (path, text) in files { try write(text, to: path, in: name) }
        try await git(["add", "--"] + files.keys.sorted(), in: name)
        try await git("commit", "-q", "-m", message, in: name)
    }

    @discardableResult
    func git(_ arguments: [String], in directory: String) async throws -> String {
        let place = directory.isEmpty ? root : url(directory)
        // The ceiling stops git from finding a repository above the temporary directory.
        let environment = Self.isolation.merging(["GIT_CEILING_DIRECTORIES": root.deletingLastPathComponent().path]) { $1 }
        return try await Git(directory: place, environment: environment, logger: Self.logger).run(arguments)
    }

    /// Options for archiving in this sandbox.
    func options(push: Bool = false, pushDeadline: Duration = .seconds(120)) -> ArchiveOptions {
        ArchiveOptions(push: push, pushRetry: ArchiveOptions.PushRetry(deadline: pushDeadline), gitEnvironment: Self.isolation)
    }

    /// Every index of `revision` in `name` (path from the top level → text) rebuilt from every
    /// devlog it holds, reusing no row or count of the committed indexes.
    func rebuiltIndexes(at revision: String = "HEAD", in name: String) async throws -> [String: String] {
        let environment = Self.isolation.merging(["GIT_CEILING_DIRECTORIES": root.deletingLastPathComponent().path]) { $1 }
        let repository = ArchiveRepository(git: Git(directory: url(name), environment: environment, logger: Self.logger), directory: "devlogs")
        let files = try await repository.listing(try await repository.resolve(revision), paths: ["devlogs/"]).files.filter { !repository.isIndex($0.key) }
        return try await repository.indexes(of: files, days: Set(files.keys.compactMap(repository.day(of:)))) { [:] }
    }

    /// The indexes committed at `revision` in `name`, path from the top level → text.
    func committedIndexes(at revision: String = "HEAD", in name: String) async throws -> [String: String] {
        var indexes: [String: String] = [:]
        for path in try await git(["ls-tree", "-r", "--name-only", revision, "--", "devlogs/"], in: name).split(separator: "\n")
        where path == "devlogs/README.md" || path.split(separator: "/").count == 3 && path.hasSuffix("/README.md") {
            indexes[String(path)] = try await git(["show", "\(revision):\(path)"], in: name)
        }
        return indexes
    }

    /// Every devlog file in a checkout's devlog directory, keyed by path relative to it.
    func devlogFiles(in name: String, directory: String = "devlogs") throws -> [String: String] {
        let base = url(name).appendingPathComponent(directory)
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: base.path)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".md") else { continue }
            files[path] = try String(contentsOf: base.appendingPathComponent(path), encoding: .utf8)
        }
        return files
    }
}

/// A small DEVLOG v3.1 text with the fields the index reads.
func sampleDevlog(agent: String, mission: String, cycle: String, date: String, status: String, note: String = "") -> String {
    """
    # DEVLOG TEMPLATE v3.1
    # \(mission)

    ## 📋 **AGENT INFORMATION**
    - **Agent ID:** \(agent)
    - **Specialty:** Testing
    - **Cycle Date:** \(date)
    - **Mission ID:** \(mission)

    ## 🎯 **MISSION OBJECTIVES**
    ### Primary Task
    - **Objective:** Exercise the archiver \(note)
    - **Status:** \(status)
    - **Progress:** 50%

    ## 🐛 **ISSUES & RESOLUTIONS**
    ### Issues Encountered
    1. **Issue:** none
       - **Resolution:** none
       - **Status:** RESOLVED - nothing to do

    ---

    **Generated by:** \(agent) | **Template Version:** 3.1 | **Cycle:** \(cycle)
    **Last Updated:** \(date) | **Next Update:** later

    """
}

/// The index of devlog texts keyed by path, each row marked with a stand-in blob id.
func index(texts: [String: String]) -> DevlogIndex {
    DevlogIndex(rows: texts.map { DevlogIndex.Row(path: $0.key, blob: "blob-of-\($0.key)", metadata: DevlogMetadata(markdown: $0.value)) })
}
