@testable import DevlogArchive
import Foundation
import Testing

@Suite("Archiver")
struct ArchiverTests {
    let archiver = Archiver(logger: TestRepository.logger)

    func entry(_ agent: String, cycle: String, date: String = "2025-09-11", file: String? = nil, note: String = "") -> ArchiveEntry {
        let mission = "\(agent.lowercased())_mission"
        return ArchiveEntry(
            markdown: sampleDevlog(agent: agent, mission: mission, cycle: cycle, date: date, status: "✅ Completed", note: note),
            fileName: file ?? "\(agent.lowercased())-cycle-\(cycle).md")
    }

    @Test("first commit in an empty repository, with no git identity configured")
    func emptyRepository() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo", identity: false)
        let devlog = ArchiveEntry(
            markdown: sampleDevlog(agent: "Agent-6", mission: "performance_optimization_task", cycle: "2", date: "2025-09-11", status: "In Progress"),
            fileName: "agent-6-cycle-2.md")

        let result = try await archiver.archive(devlog, in: sandbox.url("repo"), options: sandbox.options())

        let commit = try #require(result.commit)
        #expect(try await sandbox.git("rev-parse", "HEAD", in: "repo").trimmingCharacters(in: .newlines) == commit)
        #expect(try await sandbox.git("rev-list", "--count", "HEAD", in: "repo") == "1\n")
        #expect(result.paths == ["devlogs/2025-09-11/agent-6-cycle-2.md", "devlogs/2025-09-11/README.md", "devlogs/README.md"])
        #expect(result.pushed == false && result.pushAttempts == 0)
        let files = try await sandbox.git("show", "--name-only", "--format=", "HEAD", in: "repo")
        #expect(files.split(separator: "\n").sorted() == ["devlogs/2025-09-11/README.md", "devlogs/2025-09-11/agent-6-cycle-2.md", "devlogs/README.md"])
        #expect(try await sandbox.git("log", "-1", "--format=%s", in: "repo") == "docs(devlog): Agent-6 cycle 2 — performance_optimization_task\n")
        #expect(try await sandbox.git("log", "-1", "--format=%an <%ae>", in: "repo") == "devlog <devlog@localhost>\n")
        let indexes = try await sandbox.committedIndexes(in: "repo")
        #expect(indexes == (try await sandbox.rebuiltIndexes(in: "repo")))
        let blob = try await sandbox.git("rev-parse", "HEAD:devlogs/2025-09-11/agent-6-cycle-2.md", in: "repo").trimmingCharacters(in: .newlines)
        let day = try #require(indexes["devlogs/2025-09-11/README.md"])
        #expect(day.contains("| 2025-09-11 | Agent-6 | performance_optimization_task | 2 | In Progress | [agent-6-cycle-2.md](agent-6-cycle-2.md) <!-- \(blob) --> |"))
        #expect(indexes["devlogs/README.md"]?.hasSuffix("| Day | Devlogs |\n|---|---|\n| [2025-09-11](2025-09-11/README.md) | 1 |\n") == true)
        #expect(try sandbox.read("devlogs/2025-09-11/agent-6-cycle-2.md", in: "repo") == devlog.markdown)
        #expect(try await sandbox.git("status", "--porcelain", in: "repo") == "")
    }

    @Test("commits on a detached HEAD without moving any branch; refuses to push from there")
    func detachedHead() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        try await sandbox.commit(["a.txt": "one\n"], message: "one", in: "repo")
        try await sandbox.commit(["a.txt": "two\n"], message: "two", in: "repo")
        let before = try await sandbox.git("rev-parse", "HEAD", in: "repo").trimmingCharacters(in: .newlines)
        try await sandbox.git("checkout", "-q", "--detach", "HEAD~1", in: "repo")
        let detachedAt = try await sandbox.git("rev-parse", "HEAD", in: "repo").trimmingCharacters(in: .newlines)

        let result = try await archiver.archive(entry("Agent-1", cycle: "1"), in: sandbox.url("repo"), options: sandbox.options())

        let commit = try #require(result.commit)
        #expect(try await sandbox.git("rev-parse", "HEAD^", in: "repo").trimmingCharacters(in: .newlines) == detachedAt)
        #expect(try await sandbox.git("rev-parse", "HEAD", in: "repo").trimmingCharacters(in: .newlines) == commit)
        #expect(try await sandbox.git("rev-parse", "main", in: "repo").trimmingCharacters(in: .newlines) == before)

        let error = await #expect(throws: ArchiveError.self) {
            try await archiver.archive(entry("Agent-1", cycle: "2"), in: sandbox.url("repo"), options: sandbox.options(push: true))
        }
        #expect(error?.description.contains("detached HEAD") == true)
    }

    @Test("the user's staged and unstaged changes stay exactly as they were and stay out of the commit")
    func dirtyTreeUntouched() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        try await sandbox.commit(["a.txt": "a\n", "b.txt": "b\n", "c.txt": "c\n"], message: "base", in: "repo")
        try sandbox.write("a staged\n", to: "a.txt", in: "repo")
        try await sandbox.git("add", "a.txt", in: "repo")
        try sandbox.write("a staged then edited\n", to: "a.txt", in: "repo")
        try sandbox.write("b unstaged\n", to: "b.txt", in: "repo")
        try sandbox.write("new\n", to: "new.txt", in: "repo")
        try await sandbox.git("add", "new.txt", in: "repo")
        try await sandbox.git("rm", "-q", "--cached", "c.txt", in: "repo")
        try sandbox.write("untracked\n", to: "notes/untracked.txt", in: "repo")
        let status = try await sandbox.git("status", "--porcelain", in: "repo")
        let cached = try await sandbox.git("diff", "--cached", in: "repo")
        let unstaged = try await sandbox.git("diff", in: "repo")

        let result = try await archiver.archive(entry("Agent-2", cycle: "3"), in: sandbox.url("repo"), options: sandbox.options())

        let commit = try #require(result.commit)
        #expect(try await sandbox.git("status", "--porcelain", in: "repo") == status)
        #expect(try await sandbox.git("diff", "--cached", in: "repo") == cached)
        #expect(try await sandbox.git("diff", in: "repo") == unstaged)
        let files = try await sandbox.git("show", "--name-only", "--format=", commit, in: "repo")
        #expect(files.split(separator: "\n").sorted() == ["devlogs/2025-09-11/README.md", "devlogs/2025-09-11/agent-2-cycle-3.md", "devlogs/README.md"])
        #expect(try await sandbox.git("show", "\(commit):a.txt", in: "repo") == "a\n")
        #expect(try sandbox.read("a.txt", in: "repo") == "a staged then edited\n")
    }

    @Test("archiving the same devlog again makes no commit; a changed one does")
    func idempotentRerun() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        let first = try await archiver.archive(entry("Agent-3", cycle: "1"), in: sandbox.url("repo"), options: sandbox.options())
        let again = try await archiver.archive(entry("Agent-3", cycle: "1"), in: sandbox.url("repo"), options: sandbox.options())

        #expect(first.commit != nil)
        #expect(again.commit == nil)
        #expect(try await sandbox.git("rev-list", "--count", "HEAD", in: "repo") == "1\n")
        #expect(try await sandbox.git("status", "--porcelain", in: "repo") == "")

        let changed = try await archiver.archive(
            entry("Agent-3", cycle: "1", note: "revised"), in: sandbox.url("repo"), options: sandbox.options())
        #expect(changed.commit != nil)
        #expect(try await sandbox.git("rev-list", "--count", "HEAD", in: "repo") == "2\n")
    }

    @Test("a clean filter that rewrites devlogs (as LFS does) still makes a rerun commit nothing")
    func cleanFilterRerun() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        try await sandbox.git("config", "filter.shout.clean", "tr a-z A-Z", in: "repo")
        try await sandbox.git("config", "filter.shout.smudge", "cat", in: "repo")
        try await sandbox.commit([".gitattributes": "*.md filter=shout\n"], message: "base", in: "repo")

        let first = try await archiver.archive(entry("Agent-8", cycle: "1"), in: sandbox.url("repo"), options: sandbox.options())
        let again = try await archiver.archive(entry("Agent-8", cycle: "1"), in: sandbox.url("repo"), options: sandbox.options())

        let commit = try #require(first.commit)
        #expect(try await sandbox.git("show", "\(commit):devlogs/2025-09-11/README.md", in: "repo").contains("# DEVLOGS"))
        #expect(again.commit == nil)
        #expect(try await sandbox.git("rev-list", "--count", "HEAD", in: "repo") == "2\n")
    }

    @Test("a commit made after HEAD was read is kept: the archive fails instead of overwriting it")
    func commitAfterHeadWasRead() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        try await sandbox.commit(["a.txt": "a\n"], message: "base", in: "repo")
        let head = try await archiver.head(of: sandbox.url("repo"), options: sandbox.options())
        try await sandbox.commit(["b.txt": "b\n"], message: "someone else's work", in: "repo")
        let theirs = try await sandbox.git("rev-parse", "HEAD", in: "repo")

        await #expect(throws: GitError.self) {
            try await archiver.archive(entry("Agent-4", cycle: "2"), onto: head, options: sandbox.options())
        }
        #expect(try await sandbox.git("rev-parse", "HEAD", in: "repo") == theirs)

        // Read again, HEAD is their commit, and the archive goes on top of it.
        let result = try await archiver.archive(entry("Agent-4", cycle: "2"), in: sandbox.url("repo"), options: sandbox.options())
        #expect(try await sandbox.git("rev-parse", "\(try #require(result.commit))^", in: "repo") == theirs)
    }

    @Test("each day folder's index lists its devlogs in date, agent, mission, cycle, file order; the directory's lists the days, newest first")
    func indexOrder() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        let entries = [
            entry("Agent-9", cycle: "10", date: "2025-09-12"),
            entry("Agent-9", cycle: "2", date: "2025-09-12"),
            entry("Agent-1", cycle: "1", date: "2025-09-13"),
            entry("Agent-5", cycle: "4", date: "2025-09-10", file: "team/agent (5).md"),
        ]
        for devlog in entries {
            _ = try await archiver.archive(devlog, in: sandbox.url("repo"), options: sandbox.options())
        }
        // A devlog nobody archived is not part of the committed index.
        try sandbox.write(sampleDevlog(agent: "Agent-0", mission: "m", cycle: "1", date: "2025-09-12", status: "x"),
                          to: "devlogs/2025-09-12/scratch.md", in: "repo")
        _ = try await archiver.archive(entries[0], in: sandbox.url("repo"), options: sandbox.options())

        let index = try await sandbox.git("show", "HEAD:devlogs/2025-09-12/README.md", in: "repo")
        let rows = index.split(separator: "\n").filter { $0.hasPrefix("| 20") }
        #expect(rows.count == 2)
        #expect(rows[0].contains("| 2 |") && rows[1].contains("| 10 |"))
        #expect(!index.contains("scratch.md"))
        #expect(try sandbox.read("devlogs/2025-09-12/README.md", in: "repo") == index)
        let other = try await sandbox.git("show", "HEAD:devlogs/2025-09-10/README.md", in: "repo")
        #expect(other.contains("[team/agent (5).md](team/agent%20%285%29.md) <!-- "))
        let days = try await sandbox.git("show", "HEAD:devlogs/README.md", in: "repo")
        #expect(days.split(separator: "\n").filter { $0.hasPrefix("| [") } == [
            "| [2025-09-13](2025-09-13/README.md) | 1 |", "| [2025-09-12](2025-09-12/README.md) | 2 |", "| [2025-09-10](2025-09-10/README.md) | 1 |",
        ])
    }

    @Test("two clones archive and push at the same time: both land, and the remote index is the regenerated one")
    func concurrentPushes() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.git("init", "-q", "--bare", "-b", "main", "remote.git")
        try await sandbox.git("clone", "-q", "remote.git", "seed")
        try await sandbox.setIdentity(in: "seed")
        try await sandbox.commit(["README.md": "team repo\n"], message: "init", in: "seed")
        try await sandbox.git("push", "-q", "origin", "main", in: "seed")
        for clone in ["a", "b"] {
            try await sandbox.git("clone", "-q", "remote.git", clone)
            try await sandbox.setIdentity(in: clone)
        }
        let devlogs = ["a": entry("Agent-1", cycle: "7"), "b": entry("Agent-2", cycle: "7")]

        let results = try await withThrowingTaskGroup(of: (String, ArchiveResult).self) { group in
            for (clone, devlog) in devlogs {
                group.addTask {
                    (clone, try await archiver.archive(devlog, in: sandbox.url(clone), options: sandbox.options(push: true)))
                }
            }
            var results: [String: ArchiveResult] = [:]
            for try await (clone, result) in group { results[clone] = result }
            return results
        }

        #expect(results.values.allSatisfy { $0.pushed && $0.commit != nil })
        // Both clones started from the same remote tip, so whichever pushed second was rejected and retried.
        let attempts = results.values.map(\.pushAttempts)
        #expect(attempts.min() == 1 && attempts.reduce(0, +) >= 3)
        try await sandbox.git("clone", "-q", "remote.git", "check")
        let subjects = try await sandbox.git("log", "--format=%s", in: "check")
        #expect(subjects.contains(devlogs["a"]!.commitSubject) && subjects.contains(devlogs["b"]!.commitSubject))
        let files = try sandbox.devlogFiles(in: "check")
        #expect(files.keys.sorted() == ["2025-09-11/README.md", "2025-09-11/agent-1-cycle-7.md", "2025-09-11/agent-2-cycle-7.md", "README.md"])
        let indexes = try await sandbox.committedIndexes(in: "check")
        #expect(indexes == (try await sandbox.rebuiltIndexes(in: "check")))
        #expect(DevlogIndex.rows(in: try #require(indexes["devlogs/2025-09-11/README.md"])).count == 2)
        let remoteTip = try await sandbox.git("rev-parse", "main", in: "remote.git").trimmingCharacters(in: .newlines)
        #expect(results.values.contains { $0.commit == remoteTip })
    }

    @Test("a push rejected because another agent pushed first is rebased and retried; local changes survive")
    func pushRejectedThenRetried() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await makeRemote(sandbox, clones: ["a", "b"])
        try sandbox.write("work in progress\n", to: "README.md", in: "a")
        try await sandbox.git("add", "README.md", in: "a")
        try sandbox.write("more work\n", to: "README.md", in: "a")
        let status = try await sandbox.git("status", "--porcelain", in: "a")
        let cached = try await sandbox.git("diff", "--cached", in: "a")

        let first = try await archiver.archive(entry("Agent-2", cycle: "1"), in: sandbox.url("b"), options: sandbox.options(push: true))
        let second = try await archiver.archive(entry("Agent-1", cycle: "1"), in: sandbox.url("a"), options: sandbox.options(push: true))

        #expect(first.pushAttempts == 1)
        #expect(second.pushAttempts == 2)
        let remoteTip = try await sandbox.git("rev-parse", "main", in: "remote.git").trimmingCharacters(in: .newlines)
        #expect(second.commit == remoteTip)
        #expect(try await sandbox.git("rev-parse", "HEAD", in: "a").trimmingCharacters(in: .newlines) == remoteTip)
        #expect(try await sandbox.git("rev-parse", "HEAD^", in: "a").trimmingCharacters(in: .newlines) == first.commit)
        #expect(try sandbox.read("devlogs/2025-09-11/agent-2-cycle-1.md", in: "a") == entry("Agent-2", cycle: "1").markdown)
        #expect(try await sandbox.committedIndexes(in: "a") == (try await sandbox.rebuiltIndexes(in: "a")))
        #expect(try sandbox.devlogFiles(in: "a").count == 4)
        #expect(try await sandbox.git("status", "--porcelain", in: "a") == status)
        #expect(try await sandbox.git("diff", "--cached", in: "a") == cached)
    }

    @Test("gives up at the deadline with git's text and what to do")
    func pushGivesUp() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await makeRemote(sandbox, clones: ["a", "b"])
        _ = try await archiver.archive(entry("Agent-2", cycle: "1"), in: sandbox.url("b"), options: sandbox.options(push: true))

        let error = await #expect(throws: ArchiveError.self) {
            try await archiver.archive(entry("Agent-1", cycle: "1"), in: sandbox.url("a"), options: sandbox.options(push: true, pushDeadline: .zero))
        }
        let text = try #require(error?.description)
        #expect(text.contains("[rejected]"))
        #expect(text.contains("after 1 attempt"))
        #expect(text.contains("git pull --rebase"))
        #expect(try await sandbox.git("log", "-1", "--format=%s", in: "a") == entry("Agent-1", cycle: "1").commitSubject + "\n")
    }

    @Test("does not rebase the user's own unpushed commits")
    func foreignCommitsNotRebased() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await makeRemote(sandbox, clones: ["a", "b"])
        _ = try await archiver.archive(entry("Agent-2", cycle: "1"), in: sandbox.url("b"), options: sandbox.options(push: true))
        try await sandbox.commit(["code.txt": "mine\n"], message: "feature work", in: "a")
        let userCommit = try await sandbox.git("rev-parse", "HEAD", in: "a")

        let error = await #expect(throws: ArchiveError.self) {
            try await archiver.archive(entry("Agent-1", cycle: "1"), in: sandbox.url("a"), options: sandbox.options(push: true))
        }
        #expect(error?.description.contains("1 commit(s) that are not devlog archive commits") == true)
        #expect(try await sandbox.git("rev-parse", "HEAD^", in: "a") == userCommit)
    }

    @Test("outside a repository the error says so, with git's words and what to do")
    func notARepository() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try FileManager.default.createDirectory(at: sandbox.url("plain"), withIntermediateDirectories: true)
        var options = sandbox.options()
        options.gitEnvironment["GIT_CEILING_DIRECTORIES"] = sandbox.root.path

        let error = await #expect(throws: GitError.self) {
            try await archiver.archive(entry("Agent-1", cycle: "1"), in: sandbox.url("plain"), options: options)
        }
        let failure = try #require(error)
        #expect(failure.isNotARepository)
        #expect(failure.description.contains("fatal: not a git repository"))
        #expect(failure.description.contains("git init"))
        #expect(failure.description.contains("--repo DIR"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.url("plain").appendingPathComponent("devlogs").path))
    }

    @Test("paths that leave the work tree are refused before anything is written")
    func invalidPaths() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        for name in ["../escape.md", "/abs.md", "README.md", ".git/x.md"] {
            await #expect(throws: ArchiveError.self) {
                try await archiver.archive(entry("Agent-1", cycle: "1", file: name), in: sandbox.url("repo"), options: sandbox.options())
            }
        }
        #expect(try await sandbox.git("status", "--porcelain", "--untracked-files=all", in: "repo") == "")
    }

    @Test("a devlog path that names a committed folder, or passes through a committed file, is refused and nothing moves")
    func pathsThatClashWithTheTree() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        _ = try await archiver.archive(entry("Agent-1", cycle: "1", file: "team/a.md"), in: sandbox.url("repo"), options: sandbox.options())
        let head = try await sandbox.git("rev-parse", "HEAD", in: "repo")
        for name in ["team", "team/a.md/b.md"] {
            let error = await #expect(throws: ArchiveError.self) {
                try await archiver.archive(entry("Agent-2", cycle: "1", file: name), in: sandbox.url("repo"), options: sandbox.options())
            }
            #expect(error?.description.contains("devlogs/2025-09-11/\(name == "team" ? "team" : "team/a.md")") == true, "\(String(describing: error))")
        }
        #expect(try await sandbox.git("rev-parse", "HEAD", in: "repo") == head)
    }

    @Test("an uncommitted edit to the devlog or to the index is refused by name, and kept")
    func uncommittedEditsRefused() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        _ = try await archiver.archive(entry("Agent-1", cycle: "1"), in: sandbox.url("repo"), options: sandbox.options())
        let head = try await sandbox.git("rev-parse", "HEAD", in: "repo")

        for path in ["devlogs/2025-09-11/agent-1-cycle-1.md", "devlogs/2025-09-11/README.md", "devlogs/README.md"] {
            let original = try sandbox.read(path, in: "repo")
            try sandbox.write(original + "a line the user added\n", to: path, in: "repo")
            let error = await #expect(throws: ArchiveError.self) {
                try await archiver.archive(entry("Agent-1", cycle: "1", note: "revised"), in: sandbox.url("repo"), options: sandbox.options())
            }
            let text = try #require(error?.description)
            #expect(text.contains(path) && text.contains("git checkout -- \(path)") && !text.contains("\n"))
            #expect(try sandbox.read(path, in: "repo") == original + "a line the user added\n")
            #expect(try await sandbox.git("rev-parse", "HEAD", in: "repo") == head)
            try sandbox.write(original, to: path, in: "repo")
        }
        // The text devlog is about to write is no edit to keep.
        try sandbox.write(entry("Agent-1", cycle: "1", note: "revised").markdown, to: "devlogs/2025-09-11/agent-1-cycle-1.md", in: "repo")
        let revised = try await archiver.archive(entry("Agent-1", cycle: "1", note: "revised"), in: sandbox.url("repo"), options: sandbox.options())
        #expect(revised.commit != nil)
        #expect(try await sandbox.git("status", "--porcelain", in: "repo") == "")
    }

    @Test("a committed devlogs symlink pointing outside the repository is refused before anything is written")
    func symlinkedDirectoryRefused() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        let outside = sandbox.url("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: sandbox.url("repo").appendingPathComponent("devlogs").path,
                                                   withDestinationPath: outside.path)
        try await sandbox.git("add", "devlogs", in: "repo")
        try await sandbox.git("commit", "-q", "-m", "link the devlogs elsewhere", in: "repo")
        let head = try await sandbox.git("rev-parse", "HEAD", in: "repo")

        let error = await #expect(throws: ArchiveError.self) {
            try await archiver.archive(entry("Agent-1", cycle: "1"), in: sandbox.url("repo"), options: sandbox.options())
        }
        #expect(error?.description.contains("devlogs is a symbolic link (to \(outside.path))") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path) == [])
        #expect(try await sandbox.git("rev-parse", "HEAD", in: "repo") == head)
        #expect(try await sandbox.git("status", "--porcelain", in: "repo") == "")
    }

    @Test("a rebase whose ref update loses a race leaves the user's index and work tree as they were")
    func lostRaceLeavesIndex() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await makeRemote(sandbox, clones: ["a", "b"])
        _ = try await archiver.archive(entry("Agent-2", cycle: "1"), in: sandbox.url("b"), options: sandbox.options(push: true))
        // The second update of main in clone a (the rebase's) fails, as when another process moved it first.
        let hook = sandbox.url("a").appendingPathComponent(".git/hooks/reference-transaction")
        try Data("""
            #!/bin/sh
            test "$1" = prepared || exit 0
            grep -q ' refs/heads/main$' || exit 0
            count=$(cat .git/main-updates 2>/dev/null || echo 0)
            echo $((count + 1)) > .git/main-updates
            test "$count" -lt 1

            """.utf8).write(to: hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        try sandbox.write("staged work\n", to: "notes.txt", in: "a")
        try await sandbox.git("add", "notes.txt", in: "a")

        await #expect(throws: GitError.self) {
            try await archiver.archive(entry("Agent-1", cycle: "1"), in: sandbox.url("a"), options: sandbox.options(push: true))
        }
        #expect(try await sandbox.git("status", "--porcelain", in: "a") == "A  notes.txt\n")
        #expect(try await sandbox.git("ls-files", "devlogs", in: "a") == "devlogs/2025-09-11/README.md\ndevlogs/2025-09-11/agent-1-cycle-1.md\ndevlogs/README.md\n")
        #expect(!FileManager.default.fileExists(atPath: sandbox.url("a").appendingPathComponent("devlogs/2025-09-11/agent-2-cycle-1.md").path))
    }

    @Test("the indexes kept up to date archive after archive equal the ones rebuilt from every devlog")
    func incrementalIndexEqualsRebuilt() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        for number in 1...12 {
            let agent = "Agent-\(number % 4)"
            _ = try await archiver.archive(entry(agent, cycle: "\(number)", date: "2025-09-\(10 + number % 3)"), in: sandbox.url("repo"), options: sandbox.options())
        }
        // A devlog changed and one removed outside devlog: once their days are archived again, the
        // one is read again and the other's row dropped.
        try await sandbox.commit(["devlogs/2025-09-11/agent-1-cycle-1.md": sampleDevlog(agent: "Agent-1", mission: "renamed", cycle: "1", date: "2025-09-01", status: "x")],
                                 message: "edit a devlog by hand", in: "repo")
        try await sandbox.git("rm", "-q", "devlogs/2025-09-12/agent-2-cycle-2.md", in: "repo")
        try await sandbox.git("commit", "-q", "-m", "remove a devlog", in: "repo")
        _ = try await archiver.archive(entry("Agent-5", cycle: "13"), in: sandbox.url("repo"), options: sandbox.options())
        _ = try await archiver.archive(entry("Agent-6", cycle: "14", date: "2025-09-12"), in: sandbox.url("repo"), options: sandbox.options())

        let committed = try await sandbox.committedIndexes(in: "repo")
        #expect(committed.keys.sorted() == ["devlogs/2025-09-10/README.md", "devlogs/2025-09-11/README.md", "devlogs/2025-09-12/README.md", "devlogs/README.md"])
        #expect(committed.values.map { DevlogIndex.rows(in: $0).count }.reduce(0, +) == 13)
        #expect(committed["devlogs/2025-09-11/README.md"]?.contains("| renamed |") == true)
        #expect(committed["devlogs/2025-09-12/README.md"]?.contains("agent-2-cycle-2.md") == false)
        #expect(committed["devlogs/README.md"]?.contains("| [2025-09-12](2025-09-12/README.md) | 4 |") == true)
        #expect(committed == (try await sandbox.rebuiltIndexes(in: "repo")))
    }

    @Test("a devlog without a YYYY-MM-DD date goes into the undated folder, listed after every day")
    func undatedFolder() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        _ = try await archiver.archive(entry("Agent-1", cycle: "1"), in: sandbox.url("repo"), options: sandbox.options())
        let result = try await archiver.archive(entry("Agent-2", cycle: "1", date: "September"), in: sandbox.url("repo"), options: sandbox.options())

        #expect(result.paths == ["devlogs/undated/agent-2-cycle-1.md", "devlogs/undated/README.md", "devlogs/README.md"])
        let days = try sandbox.read("devlogs/README.md", in: "repo")
        #expect(days.hasSuffix("| [2025-09-11](2025-09-11/README.md) | 1 |\n| [undated](undated/README.md) | 1 |\n"))
    }

    @Test("archiving into a day folder that also holds a subfolder, a symlink, an executable and a submodule changes only the devlog and the indexes")
    func dayFolderWithOtherEntries() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        _ = try await archiver.archive(entry("Agent-1", cycle: "1"), in: sandbox.url("repo"), options: sandbox.options())
        let day = "devlogs/2025-09-11"
        try sandbox.write("notes\n", to: "\(day)/extra/notes.md", in: "repo")
        try sandbox.write("#!/bin/sh\n", to: "\(day)/run.sh", in: "repo")
        try FileManager.default.createSymbolicLink(atPath: sandbox.url("repo").appendingPathComponent("\(day)/latest.md").path, withDestinationPath: "agent-1-cycle-1.md")
        try await sandbox.git("add", "--chmod=+x", "\(day)/run.sh", in: "repo")
        try await sandbox.git("add", "\(day)/extra/notes.md", "\(day)/latest.md", in: "repo")
        let head = try await sandbox.git("rev-parse", "HEAD", in: "repo").trimmingCharacters(in: .newlines)
        try await sandbox.git("update-index", "--add", "--cacheinfo", "160000,\(head),\(day)/vendored", in: "repo")
        // Names git stores as bytes: one that is not UTF-8, and two folders whose names Swift
        // strings hold equal (é composed and decomposed).
        let git = Git(directory: sandbox.url("repo"), environment: TestRepository.isolation, logger: TestRepository.logger)
        let notes = try await sandbox.git("rev-parse", ":\(day)/extra/notes.md", in: "repo").trimmingCharacters(in: .newlines)
        let names = [Data("no".utf8) + [0xFF] + Data(".txt".utf8), Data("caf\u{E9}/a.txt".utf8), Data("cafe\u{301}/b.txt".utf8)]
        let entries = names.reduce(Data()) { $0 + Data("100644 blob \(notes)\t\(day)/".utf8) + $1 + [0] }
        try await git.run(["update-index", "-z", "--index-info"], input: entries)
        try await sandbox.git("commit", "-q", "-m", "the user's own entries", in: "repo")
        // The day's entries as bytes, but for the two files the archive changes.
        let kept = { (revision: String) in
            try await git.execute(["ls-tree", "-r", "-t", "-z", revision, "--", "\(day)/"]).data.split(separator: 0).filter { entry in
                entry.range(of: Data("\t\(day)/".utf8)) != nil && !["/README.md", "/agent-2-cycle-1.md"].contains { entry.suffix($0.utf8.count).elementsEqual($0.utf8) }
            }
        }
        let before = try await kept("HEAD")

        _ = try await archiver.archive(entry("Agent-2", cycle: "1"), in: sandbox.url("repo"), options: sandbox.options())
        let changed = try await sandbox.git("diff", "--name-status", "HEAD~1", "HEAD", in: "repo")
        #expect(changed == "M\tdevlogs/2025-09-11/README.md\nA\tdevlogs/2025-09-11/agent-2-cycle-1.md\nM\tdevlogs/README.md\n")
        #expect(try await kept("HEAD") == before && before.count == 11)
        // The user's notes count as a devlog of that day.
        #expect(try await sandbox.committedIndexes(in: "repo") == (try await sandbox.rebuiltIndexes(in: "repo")))
    }

    @Test("devlogs archived before day folders are refused until --relayout moves them, with the user's changes kept")
    func relayoutOfAFlatArchive() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        let old = [
            "devlogs/agent-1-cycle-1.md": entry("Agent-1", cycle: "1", date: "2025-09-10").markdown,
            "devlogs/agent-2-cycle-1.md": entry("Agent-2", cycle: "1").markdown,
            "devlogs/team/agent-3-cycle-1.md": entry("Agent-3", cycle: "1").markdown,
            "devlogs/README.md": "| an index from before day folders |\n",
            "notes.txt": "one\n",
        ]
        try await sandbox.commit(old, message: "an archive from before day folders", in: "repo")
        try sandbox.write("two\n", to: "notes.txt", in: "repo")
        let head = try await sandbox.git("rev-parse", "HEAD", in: "repo")

        let refused = await #expect(throws: ArchiveError.self) {
            try await archiver.archive(entry("Agent-4", cycle: "1"), in: sandbox.url("repo"), options: sandbox.options())
        }
        #expect(refused?.description.hasPrefix("devlogs/ holds 3 devlog(s) outside day folders") == true)
        #expect(refused?.description.contains("devlog archive --relayout") == true)
        #expect(try await sandbox.git("rev-parse", "HEAD", in: "repo") == head)
        #expect(try await sandbox.git("status", "--porcelain", in: "repo") == " M notes.txt\n")

        let moved = try await archiver.relayout(in: sandbox.url("repo"), options: sandbox.options())
        #expect(moved.paths.sorted() == ["devlogs/2025-09-10/agent-1-cycle-1.md", "devlogs/2025-09-11/agent-2-cycle-1.md", "devlogs/2025-09-11/team/agent-3-cycle-1.md"])
        #expect(try await sandbox.git("log", "-1", "--format=%s", in: "repo") == "docs(devlog): move 3 devlogs into day folders\n")
        #expect(try await sandbox.git("status", "--porcelain", in: "repo") == " M notes.txt\n")
        #expect(try sandbox.read("devlogs/2025-09-11/team/agent-3-cycle-1.md", in: "repo") == old["devlogs/team/agent-3-cycle-1.md"])
        #expect(!FileManager.default.fileExists(atPath: sandbox.url("repo").appendingPathComponent("devlogs/agent-1-cycle-1.md").path))
        let renames = try await sandbox.git("show", "-M", "--name-status", "--format=", "HEAD", in: "repo")
        #expect(renames.split(separator: "\n").filter { $0.hasPrefix("R100") }.count == 3)
        #expect(try await sandbox.committedIndexes(in: "repo") == (try await sandbox.rebuiltIndexes(in: "repo")))
        #expect(try await archiver.relayout(in: sandbox.url("repo"), options: sandbox.options()).commit == nil)

        let archived = try await archiver.archive(entry("Agent-4", cycle: "1"), in: sandbox.url("repo"), options: sandbox.options())
        #expect(archived.commit != nil)
        #expect(try await sandbox.committedIndexes(in: "repo") == (try await sandbox.rebuiltIndexes(in: "repo")))
        #expect(try sandbox.read("devlogs/README.md", in: "repo").contains("| [2025-09-11](2025-09-11/README.md) | 3 |"))
    }

    @Test("relayout places a devlog by its Last Updated date when it has no cycle date; a generated copy at the target is no obstacle, another text is")
    func relayoutTargetsInTheWorkTree() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        let undated = entry("Agent-1", cycle: "1", date: "soon").markdown.replacingOccurrences(of: "**Last Updated:** soon", with: "**Last Updated:** 2025-09-09")
        try await sandbox.commit(["devlogs/a.md": undated, "devlogs/b.md": entry("Agent-2", cycle: "1").markdown], message: "flat", in: "repo")
        // `devlog generate` wrote a's copy where it is going, and something else where b's goes.
        try sandbox.write(undated, to: "devlogs/2025-09-09/a.md", in: "repo")
        try sandbox.write("my own notes\n", to: "devlogs/2025-09-11/b.md", in: "repo")
        let head = try await sandbox.git("rev-parse", "HEAD", in: "repo")

        let blocked = await #expect(throws: ArchiveError.self) {
            try await archiver.relayout(in: sandbox.url("repo"), options: sandbox.options())
        }
        #expect(blocked?.description.contains("devlogs/2025-09-11/b.md") == true, "\(String(describing: blocked))")
        #expect(try await sandbox.git("rev-parse", "HEAD", in: "repo") == head)
        #expect(try sandbox.read("devlogs/2025-09-11/b.md", in: "repo") == "my own notes\n")

        try FileManager.default.removeItem(at: sandbox.url("repo").appendingPathComponent("devlogs/2025-09-11/b.md"))
        let moved = try await archiver.relayout(in: sandbox.url("repo"), options: sandbox.options())
        #expect(moved.paths == ["devlogs/2025-09-09/a.md", "devlogs/2025-09-11/b.md"])
        #expect(try await sandbox.git("status", "--porcelain", "--untracked-files=all", in: "repo") == "")
    }

    @Test("a move into day folders that meets a push race is made again on the remote's tip, or dropped when they moved them too")
    func relayoutReplayedOnPush() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await makeRemote(sandbox, clones: ["seed2"])
        try await sandbox.commit(["devlogs/old-1.md": entry("Agent-1", cycle: "1").markdown], message: "flat archive", in: "seed2")
        try await sandbox.git("push", "-q", "origin", "main", in: "seed2")
        for clone in ["a", "b"] {
            try await sandbox.git("clone", "-q", "remote.git", clone)
            try await sandbox.setIdentity(in: clone)
        }
        let first = try await archiver.relayout(in: sandbox.url("a"), options: sandbox.options(push: true))
        #expect(first.pushed && first.paths == ["devlogs/2025-09-11/old-1.md"])
        // b moves them too, as another author (else its commit would be a's, byte for byte), without
        // pushing, then archives a cycle with --push.
        var other = sandbox.options(push: true)
        other.author = GitAuthor(name: "Agent-2", email: "agent2@example.invalid")
        other.push = false
        _ = try await archiver.relayout(in: sandbox.url("b"), options: other)
        other.push = true
        let archived = try await archiver.archive(entry("Agent-2", cycle: "1"), in: sandbox.url("b"), options: other)

        #expect(archived.pushed && archived.pushAttempts == 2, "\(archived)")
        let subjects = try await sandbox.git("log", "--format=%s", "main", in: "remote.git")
        #expect(subjects.split(separator: "\n").filter { $0.hasSuffix("into day folders") }.count == 1, "\(subjects)")
        #expect(try await sandbox.committedIndexes(in: "b") == (try await sandbox.rebuiltIndexes(in: "b")))
        #expect(try await sandbox.git("ls-tree", "-r", "--name-only", "main", "devlogs", in: "remote.git").split(separator: "\n").count == 4)
    }

    @Test("a replay onto a remote holding devlogs outside day folders says the devlog is committed here and what to do")
    func replayOntoAFlatRemote() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await makeRemote(sandbox, clones: ["a", "old"])
        _ = try await archiver.archive(entry("Agent-1", cycle: "1"), in: sandbox.url("old"), options: sandbox.options(push: true))
        // An agent still on a devlog from before day folders pushes a flat devlog and its index.
        try await sandbox.commit(["devlogs/flat.md": entry("Agent-3", cycle: "1").markdown, "devlogs/README.md": "| flat index |\n"],
                                 message: "docs(devlog): Agent-3 cycle 1 — flat", in: "old")
        try await sandbox.git("push", "-q", "origin", "main", in: "old")

        let error = await #expect(throws: ArchiveError.self) {
            try await archiver.archive(entry("Agent-2", cycle: "1"), in: sandbox.url("a"), options: sandbox.options(push: true))
        }
        let text = try #require(error?.description)
        #expect(text.contains("holds devlogs outside day folders") && text.contains("committed locally") && !text.contains("nothing was written"))
        #expect(try sandbox.read("devlogs/2025-09-11/agent-2-cycle-1.md", in: "a") == entry("Agent-2", cycle: "1").markdown)
    }

    @Test("the id devlog gives a text is the id git gives its blob, in SHA-1 and SHA-256 repositories")
    func blobIDsAreGits() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        for (name, format) in [("sha1", "sha1"), ("sha256", "sha256")] {
            try await sandbox.git(["init", "-q", "--object-format=\(format)", name], in: "")
            for text in ["", "é\n", entry("Agent-1", cycle: "1").markdown] {
                try sandbox.write(text, to: "file.md", in: name)
                let id = try await sandbox.git("hash-object", "file.md", in: name).trimmingCharacters(in: .newlines)
                #expect(ArchiveRepository.blobID(of: Array(text.utf8), format: id) == id, "\(format)")
            }
        }
    }

    @Test("a devlogs folder without an index of days has every day counted when the first one is written")
    func indexOfDaysCountsWhatIsThere() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        try await sandbox.commit(["devlogs/2025-09-01/x.md": entry("Agent-9", cycle: "1", date: "2025-09-01").markdown,
                                  "devlogs/2025-09-01/team/y.md": entry("Agent-9", cycle: "2", date: "2025-09-01").markdown],
                                 message: "devlogs added by hand", in: "repo")
        _ = try await archiver.archive(entry("Agent-1", cycle: "1"), in: sandbox.url("repo"), options: sandbox.options())
        let days = try sandbox.read("devlogs/README.md", in: "repo")
        #expect(days.hasSuffix("| [2025-09-11](2025-09-11/README.md) | 1 |\n| [2025-09-01](2025-09-01/README.md) | 2 |\n"), "\(days)")
    }

    /// A bare `remote.git` with one commit on main, and clones of it with a test identity.
    private func makeRemote(_ sandbox: TestRepository, clones: [String]) async throws {
        try await sandbox.git("init", "-q", "--bare", "-b", "main", "remote.git")
        try await sandbox.git("clone", "-q", "remote.git", "seed")
        try await sandbox.setIdentity(in: "seed")
        try await sandbox.commit(["README.md": "team repo\n"], message: "init", in: "seed")
        try await sandbox.git("push", "-q", "origin", "main", in: "seed")
        for clone in clones {
            try await sandbox.git("clone", "-q", "remote.git", clone)
            try await sandbox.setIdentity(in: clone)
        }
    }
}
