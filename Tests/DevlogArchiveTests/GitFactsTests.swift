import DevlogArchive
import Foundation
import Testing

@Suite("GitFacts")
struct GitFactsTests {
    func facts(_ sandbox: TestRepository, _ name: String) -> GitFacts {
        GitFacts(repository: sandbox.url(name), environment: TestRepository.isolation, logger: TestRepository.logger)
    }

    @Test("the commits since the newest whose subject matches are the range after it, near or far back; all of them when none does")
    func commitsSinceTheNewestMatch() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        // Commit 10 is 'mark', then 100 more: the newest page of 64 misses it.
        for number in 1...110 {
            try await sandbox.commit(["f\(number % 7).txt": "\(number)\n"], message: number == 10 ? "mark" : "c\(number)", in: "repo")
        }
        let facts = facts(sandbox, "repo")
        let head = try await sandbox.git("rev-parse", "HEAD", in: "repo").trimmingCharacters(in: .newlines)
        let mark = try await sandbox.git("rev-parse", "HEAD~100", in: "repo").trimmingCharacters(in: .newlines)

        let far = try await facts.commits(upTo: head) { $0 == "mark" }
        #expect(far == (try await facts.commits(since: .commit(mark), upTo: head)) && far.count == 100)
        let near = try await facts.commits(upTo: head) { $0 == "c105" }
        #expect(near.map(\.subject) == ["c110", "c109", "c108", "c107", "c106"] && near[0].files == ["f5.txt"])
        #expect(try await facts.commits(upTo: head) { _ in false }.count == 110)
    }

    @Test("a merged branch's commits, older than the previous cycle's, are in the range since it")
    func mergedCommitsOlderThanTheMatch() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        // Committer dates order `git log`: the side branch's commit is older than 'mark'.
        let dated = { (year: Int) in
            Git(directory: sandbox.url("repo"), environment: TestRepository.isolation.merging(
                ["GIT_COMMITTER_DATE": "\(year)-01-01T00:00:00Z", "GIT_AUTHOR_DATE": "\(year)-01-01T00:00:00Z"]) { _, new in new },
                logger: TestRepository.logger)
        }
        try sandbox.write("0\n", to: "base.txt", in: "repo")
        try await dated(2019).run(["add", "base.txt"])
        try await dated(2019).run(["commit", "-q", "-m", "base"])
        try await dated(2020).run(["checkout", "-q", "-b", "side"])
        try sandbox.write("side\n", to: "side.txt", in: "repo")
        try await dated(2020).run(["add", "side.txt"])
        try await dated(2020).run(["commit", "-q", "-m", "side work"])
        try await dated(2021).run(["checkout", "-q", "main"])
        try await dated(2021).run(["commit", "-q", "--allow-empty", "-m", "mark"])
        try await dated(2022).run(["commit", "-q", "--allow-empty", "-m", "after"])
        try await dated(2023).run(["merge", "-q", "--no-ff", "-m", "merge side", "side"])
        let head = try await sandbox.git("rev-parse", "HEAD", in: "repo").trimmingCharacters(in: .newlines)
        let mark = try await sandbox.git("rev-parse", "HEAD^1~1", in: "repo").trimmingCharacters(in: .newlines)
        let facts = facts(sandbox, "repo")

        let range = try await facts.commits(upTo: head) { $0 == "mark" }
        #expect(range.map(\.subject) == ["merge side", "after", "side work"])
        #expect(range == (try await facts.commits(since: .commit(mark), upTo: head)))
        #expect(range[0].parents.count == 2 && range[1].parents == [mark])
    }

    @Test("commits since a commit or a time, with subjects and files; branch; tree state")
    func repositoryWithCommits() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        try await sandbox.commit(["a.txt": "1\n"], message: "first", in: "repo")
        let first = try await sandbox.git("rev-parse", "HEAD", in: "repo").trimmingCharacters(in: .newlines)
        try await sandbox.commit(["b.txt": "2\n", "dir/c d.txt": "2\n"], message: "second: two files", in: "repo")
        try await sandbox.commit(["a.txt": "3\n"], message: "third", in: "repo")
        let facts = facts(sandbox, "repo")

        let since = try await facts.commits(since: .commit(first))
        #expect(since.map(\.subject) == ["third", "second: two files"])
        #expect(since.map(\.files) == [["a.txt"], ["b.txt", "dir/c d.txt"]])
        let hashes = try await sandbox.git("rev-list", "HEAD", in: "repo").split(separator: "\n").map(String.init)
        #expect(since.map(\.hash) == Array(hashes.prefix(2)))
        #expect(try await facts.commits(since: .beginning).count == 3)
        #expect(try await facts.commits(since: .date(Date().addingTimeInterval(3600))).isEmpty)
        #expect(try await facts.commits(since: .date(Date(timeIntervalSince1970: 0))).count == 3)

        #expect(try await facts.branch() == .named("main"))
        #expect(try await facts.treeState().description == "clean")

        try sandbox.write("changed\n", to: "a.txt", in: "repo")
        try sandbox.write("staged\n", to: "b.txt", in: "repo")
        try await sandbox.git("add", "b.txt", in: "repo")
        try sandbox.write("u1\n", to: "new/one.txt", in: "repo")
        try sandbox.write("u2\n", to: "new/two.txt", in: "repo")
        let state = try await facts.treeState()
        #expect(state == GitTreeState(modified: 1, staged: 1, untracked: 2))
        #expect(state.description == "1 file modified, 1 staged, 2 untracked")

        try await sandbox.git("stash", "-q", "--include-untracked", in: "repo")
        try await sandbox.git("checkout", "-q", "--detach", first, in: "repo")
        let short = try await sandbox.git("rev-parse", "--short", "HEAD", in: "repo").trimmingCharacters(in: .newlines)
        let branch = try await facts.branch()
        #expect(branch == .detached(shortHash: short))
        #expect(branch.description == "detached at \(short)")
    }

    @Test("an empty repository has no commits, an unborn branch, and untracked files")
    func emptyRepository() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        try sandbox.write("x\n", to: "x.txt", in: "repo")
        let facts = facts(sandbox, "repo")

        #expect(try await facts.commits(since: .beginning).isEmpty)
        let branch = try await facts.branch()
        #expect(branch == .unborn("main"))
        #expect(branch.description == "main (no commits yet)")
        #expect(try await facts.treeState() == GitTreeState(untracked: 1))
    }

    @Test("files a status is told to ignore are not counted as untracked, however their path is spelled")
    func ignoredUntrackedFiles() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        try await sandbox.commit(["a.txt": "1\n"], message: "first", in: "repo")
        try sandbox.write("db\n", to: ".devlog/devlog.sqlite", in: "repo")
        try sandbox.write("wal\n", to: ".devlog/devlog.sqlite-wal", in: "repo")
        try sandbox.write("mine\n", to: "notes.txt", in: "repo")
        // Through a symbolic link to the repository, from a subfolder: git names the files
        // from the resolved top level all the same.
        try FileManager.default.createSymbolicLink(at: sandbox.url("link"), withDestinationURL: sandbox.url("repo"))
        try sandbox.write("x\n", to: "sub/x.txt", in: "repo")
        try await sandbox.git("add", "sub/x.txt", in: "repo")
        let database = sandbox.url("link").path + "/sub/../.devlog/devlog.sqlite"
        let ignoring = ["", "-wal", "-shm"].map { database + $0 }
        let facts = GitFacts(repository: sandbox.url("link/sub"), environment: TestRepository.isolation, logger: TestRepository.logger)

        #expect(try await facts.status(ignoring: ignoring).treeState == GitTreeState(staged: 1, untracked: 1))
        #expect(try await facts.status().treeState == GitTreeState(staged: 1, untracked: 3))
        // A path outside the work tree is nothing to ignore.
        #expect(try await facts.status(ignoring: ["/elsewhere/devlog.sqlite"]).treeState == GitTreeState(staged: 1, untracked: 3))
    }

    @Test("the devlog directory is left out of the tree state, whatever is changed in it, from any folder and any pathspec setting")
    func devlogDirectoryLeftOut() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        try await sandbox.commit(["docs/logs/2025-01-01/a.md": "a\n", "docs/logs/2025-01-01/b.md": "b\n", "docs/guide.md": "g\n", "src/x.txt": "x\n"],
                                 message: "first", in: "repo")
        try sandbox.write("edited\n", to: "docs/logs/2025-01-01/a.md", in: "repo")
        try sandbox.write("staged\n", to: "docs/logs/2025-01-01/b.md", in: "repo")
        try await sandbox.git("add", "docs/logs/2025-01-01/b.md", in: "repo")
        try sandbox.write("new\n", to: "docs/logs/2025-01-02/c.md", in: "repo")
        // Beside it, a name that only starts like it and one that differs in case: the user's.
        try sandbox.write("edited\n", to: "docs/guide.md", in: "repo")
        try sandbox.write("mine\n", to: "docs/logs-old/d.md", in: "repo")
        try sandbox.write("mine\n", to: "docs/LOGS/e.md", in: "repo")
        try sandbox.write("db\n", to: ".devlog/devlog.sqlite", in: "repo")
        let database = sandbox.url("repo").path + "/.devlog/devlog.sqlite"
        let facts = GitFacts(repository: sandbox.url("repo/src"), environment: TestRepository.isolation.merging(["GIT_LITERAL_PATHSPECS": "1", "GIT_ICASE_PATHSPECS": "1"]) { _, new in new },
                             logger: TestRepository.logger)

        #expect(try await facts.status().treeState == GitTreeState(modified: 2, staged: 1, untracked: 4))
        #expect(try await facts.status(ignoring: [database], directory: "./docs//logs/").treeState == GitTreeState(modified: 1, untracked: 2))
        await #expect(throws: ArchiveError.self) { try await facts.status(directory: "../elsewhere") }
    }

    @Test("outside a repository, GitFacts reports it rather than an empty history")
    func notARepository() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try FileManager.default.createDirectory(at: sandbox.url("plain"), withIntermediateDirectories: true)
        let facts = GitFacts(
            repository: sandbox.url("plain"),
            environment: TestRepository.isolation.merging(["GIT_CEILING_DIRECTORIES": sandbox.root.path]) { $1 },
            logger: TestRepository.logger)
        let error = await #expect(throws: GitError.self) { try await facts.commits(since: .beginning) }
        #expect(error?.isNotARepository == true)
    }
}
