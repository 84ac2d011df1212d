@testable import DevlogArchive
import Foundation
import Testing

@Suite("Git")
struct GitTests {
    @Test("a failing command shows git's own text and the command, never a URL's credentials")
    func failureRedactsCredentials() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        let git = Git(directory: sandbox.root, environment: TestRepository.isolation, logger: TestRepository.logger)
        // Port 9 on 127.0.0.1 refuses the connection at once.
        let url = "http://agent:s3cr3t-t0ken@127.0.0.1:9/team/devlogs.git"

        let error = await #expect(throws: GitError.self) { try await git.run(["ls-remote", url]) }
        let failure = try #require(error)
        #expect(failure.exitStatus != nil && failure.exitStatus != 0)
        #expect(failure.command == "git ls-remote http://***@127.0.0.1:9/team/devlogs.git")
        #expect(failure.stderr.contains("127.0.0.1"))
        #expect(!failure.description.contains("s3cr3t"))
        #expect(!failure.stderr.contains("s3cr3t"))
        #expect(failure.description.contains("git ls-remote"))
    }

    @Test("output, input and environment reach git")
    func runsWithInputAndEnvironment() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        try await sandbox.initRepository("repo")
        let git = Git(directory: sandbox.url("repo"), environment: TestRepository.isolation, logger: TestRepository.logger)
        let text = "hello devlog\n"
        let blob = try await git.run(["hash-object", "-w", "--stdin"], input: Data(text.utf8)).trimmingCharacters(in: .newlines)
        #expect(try await git.run(["cat-file", "-p", blob]) == text)
        let name = try await git.run(["var", "GIT_AUTHOR_IDENT"], environment: ["GIT_AUTHOR_NAME": "Agent 7", "GIT_AUTHOR_EMAIL": "a7@x.invalid"])
        #expect(name.hasPrefix("Agent 7 <a7@x.invalid>"))
        let failed = try await git.execute(["rev-parse", "-q", "--verify", "HEAD"])
        #expect(failed.status != 0)
    }

    @Test("git not on PATH is named, with what to do, whether or not the command has input")
    func gitNotInstalled() async throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        let git = Git(directory: sandbox.root, environment: ["PATH": sandbox.root.path], logger: TestRepository.logger)
        for input in [nil, Data("x".utf8)] {
            let error = await #expect(throws: GitError.self) { try await git.run(["hash-object", "--stdin"], input: input) }
            #expect(error?.description.contains("git was not found on PATH (\(sandbox.root.path))") == true)
        }
    }

    @Test("children get no database password: PGPASSWORD, nor a PostgreSQL URL holding one")
    func childEnvironmentDatabasePassword() {
        let inherited = [
            "PATH": "/usr/bin", "PGPASSWORD": "hunter2", "DEVLOG_DB": "postgresql://devlog:hunter2@db.example:5432/team",
            "OTHER_DB": "POSTGRES://a:b@host/db", "PLAIN_DB": "postgresql://devlog@db.example:5432/team",
            "NOTES": "see postgres docs; postgresql://x@h/d then postgres://u:p@h/d", "PATHLIKE": "/srv/postgres://a:b@",
            "MENTION": "postgres: the team's database",
        ]
        #expect(Git.childEnvironment(inherited: inherited, adding: [:]) == [
            "PATH": "/usr/bin", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "PLAIN_DB": "postgresql://devlog@db.example:5432/team",
            "MENTION": "postgres: the team's database",
        ])
    }

    @Test("children get no repository variables and no Discord webhook, whoever set it")
    func childEnvironment() {
        let inherited = [
            "PATH": "/usr/bin", "HOME": "/home/agent", "GIT_DIR": "/elsewhere/.git", "LC_ALL": "en_US.UTF-8",
            "DEVLOG_DISCORD_WEBHOOK": "https://discord.com/api/webhooks/123/token-a",
            "TEAM_CHANNEL": "https://discordapp.com/api/v10/webhooks/123/token-b",
            "NOTES": "posted to HTTPS://DISCORD.COM/API/WEBHOOKS/123/token-c",
        ]
        let extra = ["GIT_CONFIG_GLOBAL": "/dev/null", "SANDBOX": "http://127.0.0.1:8080/api/webhooks/1/token-d"]
        #expect(Git.childEnvironment(inherited: inherited, adding: extra) == [
            "PATH": "/usr/bin", "HOME": "/home/agent", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "GIT_CONFIG_GLOBAL": "/dev/null",
        ])
        #expect(!Git.holdsWebhook("https://example.com/api/hooks/1"))
    }

    @Test("a directory that does not exist is named, with what to do")
    func missingDirectory() async throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("devlog-missing-\(UUID().uuidString)")
        let git = Git(directory: missing, logger: TestRepository.logger)
        let error = await #expect(throws: GitError.self) { try await git.run(["status"]) }
        #expect(error?.description.contains(missing.path) == true)
        #expect(error?.description.contains("git init") == true)
    }
}
