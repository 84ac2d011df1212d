import DevlogArchive
import DevlogKit
import DevlogModel
import DevlogSandbox
import Foundation
import Logging
import Testing

/// `devlog cycle` end to end in the library: a real git repository, the sandbox for Discord.
@Suite struct CycleTests {
    /// A temporary git repository that is also the project folder.
    func repository(_ test: TestProject) async throws -> URL {
        try await git(test.folder).run(["init", "-q"])
        return test.folder
    }

    /// Commit subjects, newest first; none while the repository has no commit.
    func commits(in repository: URL) async throws -> [String] {
        let git = git(repository)
        guard try await git.execute(["rev-parse", "-q", "--verify", "HEAD"]).status == 0 else { return [] }
        return try await git.run(["log", "--format=%s"]).split(separator: "\n").map(String.init)
    }

    /// The project's own git runner, without the user's git configuration.
    func git(_ folder: URL) -> Git {
        Git(directory: folder, environment: ["GIT_CONFIG_GLOBAL": "/dev/null"], logger: Logger(label: "devlog.tests.cycle") { _ in SwiftLogNoOpLogHandler() })
    }

    func job(_ test: TestProject, webhook: URL) async throws -> CycleJob {
        var job = CycleJob(repository: try await repository(test), archiveOptions: ArchiveOptions(gitEnvironment: ["GIT_CONFIG_GLOBAL": "/dev/null"]))
        job.selection = .id(test.cycleID)
        job.webhook = try TestProject.webhook(webhook)
        job.connection = TestProject.connection
        return job
    }

    @Test func aFinishedCycleRunAgainChangesNothing() async throws {
        let test = try TestProject(tasks: 30)
        try await DiscordSandbox.withRunning(TestProject.sandbox) { base, state in
            let job = try await job(test, webhook: base)
            let first = await test.project.runCycle(job)
            #expect(first.map(\.name) == ["check", "generate", "publish", "archive"])
            #expect(first.allSatisfy { $0.result == .succeeded }, "\(first)")
            let parts = try test.project.parts(forCycle: test.cycleID, mode: .text).count
            #expect(parts > 1)
            #expect(state.messages.count == parts)
            #expect(try await commits(in: job.repository) == ["docs(devlog): Agent-6 cycle 4 — publish"])
            let archived = try String(contentsOf: job.repository.appendingPathComponent("devlogs/2026-11-28/2026-11-28_Agent-6_publish_cycle-4.md"), encoding: .utf8)
            #expect(archived.contains("- **Post Time:** "))

            let requests = state.counters.requests
            let second = await test.project.runCycle(job)
            #expect(second.allSatisfy { $0.result == .succeeded })
            #expect(state.counters.requests == requests, "a rerun sent something to Discord")
            #expect(try await commits(in: job.repository).count == 1, "a rerun made a commit")
        }
    }

    @Test func aPublishThatFailsHalfWayResumesOnTheNextRun() async throws {
        let test = try TestProject(tasks: 30)
        try await DiscordSandbox.withRunning(TestProject.sandbox) { base, state in
            let job = try await job(test, webhook: base)
            // The first message goes through, the second is refused: publish stops half-way.
            state.enqueue([.pass, .status(400, body: #"{"code": 50035, "message": "Invalid Form Body"}"#, contentType: "application/json")])
            let failed = await test.project.runCycle(job)
            #expect(failed.last?.name == "publish" && failed.last?.result == .failed)
            #expect(failed.last?.next?.contains("devlog cycle") == true)
            #expect(state.messages.count == 1)
            #expect(try await commits(in: job.repository).isEmpty, "archive ran after a failed publish")

            let resumed = await test.project.runCycle(job)
            #expect(resumed.allSatisfy { $0.result == .succeeded }, "\(resumed)")
            let parts = try test.project.parts(forCycle: test.cycleID, mode: .text).count
            #expect(state.messages.filter { !$0.isDeleted }.count == parts)
            #expect(state.messages.count == parts, "the part delivered before the failure was sent again")
            #expect(try await commits(in: job.repository).count == 1)
        }
    }

    /// A project whose mission is completed while its tasks are pending: a contradiction.
    func contradictingProject() throws -> TestProject {
        let test = try TestProject(tasks: 2)
        try test.project.edit(.id(test.cycleID)) { $0.setMissionStatus(Status(.completed), progress: nil) }
        return test
    }

    @Test func contradictionsAreReportedAndEveryStepRuns() async throws {
        let test = try contradictingProject()
        try await DiscordSandbox.withRunning(TestProject.sandbox) { base, state in
            let steps = await test.project.runCycle(try await job(test, webhook: base))
            #expect(steps.map(\.result) == [.reported, .succeeded, .succeeded, .succeeded], "\(steps)")
            let rules = steps[0].findings.filter { $0.severity == .error }.map(\.rule)
            #expect(rules.contains("completed-with-open-tasks"))
            #expect(steps[0].detail.contains("\(rules.count) contradiction(s)"))
            #expect(steps.dropFirst().flatMap(\.findings).isEmpty)
            #expect(state.messages.count == 1)
            #expect(try await commits(in: test.folder).count == 1)
        }
    }

    @Test func strictStopsAtTheCheckAsBefore() async throws {
        let test = try contradictingProject()
        try await DiscordSandbox.withRunning(TestProject.sandbox) { base, state in
            var job = try await job(test, webhook: base)
            job.strict = true
            let steps = await test.project.runCycle(job)
            #expect(steps.map(\.result) == [.failed], "\(steps)")
            #expect(steps[0].findings.map(\.rule).contains("completed-with-open-tasks"))
            #expect(steps[0].next?.contains("devlog cycle") == true)
            #expect(state.counters.requests == 0)
            #expect(try await commits(in: test.folder).isEmpty)
        }
    }

    @Test func theTreeStateCountsTheUsersWorkNotDevlogsOwnFiles() async throws {
        let test = try TestProject(tasks: 1)
        let repository = try await repository(test)
        try Data("mine\n".utf8).write(to: repository.appendingPathComponent("notes.txt"))
        // A devlog `devlog generate` wrote earlier, in devlog's own folder, as is the database.
        let generated = repository.appendingPathComponent("devlogs/2026-11-27/earlier.md")
        try FileManager.default.createDirectory(at: generated.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("earlier\n".utf8).write(to: generated)
        let outcome = try await test.project.archive(.id(test.cycleID), repository: repository,
                                                     options: ArchiveOptions(gitEnvironment: ["GIT_CONFIG_GLOBAL": "/dev/null"]))
        let archived = try String(contentsOf: repository.appendingPathComponent(outcome.path), encoding: .utf8)
        #expect(archived.contains("- **Tree State:** 0 files modified, 0 staged, 1 untracked\n"), "\(archived)")
    }

    @Test func outsideAGitRepositoryTheArchiveStepSaysWhatToDo() async throws {
        let test = try TestProject(tasks: 1)
        var job = CycleJob(repository: test.folder, archiveOptions: ArchiveOptions())
        job.selection = .id(test.cycleID)
        job.publish = false
        let steps = await test.project.runCycle(job)
        #expect(steps.map(\.result) == [.succeeded, .succeeded, .skipped, .failed])
        #expect(steps.last?.detail.contains("git init") == true)
    }
}
