import DevlogArchive
import DevlogSandbox
import DevlogTestSupport
import Foundation
import Logging
import Testing

/// `devlog` with `--db postgresql://…`: which values name a store, where the password comes from,
/// TLS, and that the password shows nowhere, whatever goes wrong.
@Suite("devlog with a PostgreSQL store: URLs, credentials, TLS", .serialized)
struct PostgresCommandTests {
    static let example = SharedFixtures.repositoryRoot.appendingPathComponent("examples/agent-7-cycle-3.yaml").path

    /// A runner in a fresh folder, with HOME there too (so no real ~/.pgpass is read).
    static func runner(_ environment: [String: String] = [:]) throws -> CommandRunner {
        let folder = try CommandRunner.temporaryFolder()
        return CommandRunner(folder: folder, environment: ["HOME": folder.path].merging(environment) { _, new in new })
    }

    /// The folder's entries, to show that nothing was created.
    static func entries(_ runner: CommandRunner) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: runner.folder.path).sorted()
    }

    @Test("--db and DEVLOG_DB with another scheme are refused with one line, and nothing is created",
          arguments: ["ftp://db.example/devlog", "mysql://user:secret@db.example/devlog", "sqlite:///tmp/x.sqlite"])
    func otherSchemes(url: String) throws {
        let devlog = try Self.runner()
        defer { try? FileManager.default.removeItem(at: devlog.folder) }
        for result in [try devlog.run(["init", "--db", url]), try CommandRunner(folder: devlog.folder, environment: ["DEVLOG_DB": url]).run(["cycles"])] {
            #expect(result.status == 1)
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("not a store devlog knows"))
            #expect(!result.stderr.contains("secret"))
        }
        #expect(try Self.entries(devlog).isEmpty, "no folder named after the scheme")
    }

    @Test("a PostgreSQL URL devlog cannot use is refused with one line naming the part to fix",
          arguments: [("postgresql://db.example/devlog", "names no user"), ("postgresql://u:pw@db.example/devlog?sslmode=sometimes", "sslmode"),
                      ("postgres://u@db.example/devlog?options=-c", "'options'")])
    func badURLs(url: String, named: String) throws {
        let devlog = try Self.runner()
        defer { try? FileManager.default.removeItem(at: devlog.folder) }
        let result = try devlog.run(["cycles", "--db", url])
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains(named), "\(result.stderr)")
        #expect(!result.stderr.contains("pw@"))
        #expect(try Self.entries(devlog).isEmpty)
    }

    @Test("the password from the URL, PGPASSWORD or ~/.pgpass (only when no one else can read it)", TestPostgres.required)
    func passwordSources() throws {
        let url = try TestPostgres.freshDatabase()
        let password = try TestPostgres.password()
        let bare = TestPostgres.withoutPassword(url)

        let fromURL = try Self.runner()
        defer { try? FileManager.default.removeItem(at: fromURL.folder) }
        #expect(try fromURL.run(["import", Self.example, "--db", url]).status == 0)
        let initialized = try fromURL.run(["init", "--db", url])
        #expect(initialized.stdout.contains("database: \(bare)"), "\(initialized.stdout)")

        let fromVariable = try Self.runner(["PGPASSWORD": password, "DEVLOG_DB": bare])
        defer { try? FileManager.default.removeItem(at: fromVariable.folder) }
        let listed = try fromVariable.run(["cycles"])
        #expect(listed.status == 0 && listed.stdout.contains("Agent-7"), "\(listed.stderr)")

        let fromFile = try Self.runner(["DEVLOG_DB": bare])
        defer { try? FileManager.default.removeItem(at: fromFile.folder) }
        let passfile = fromFile.folder.appendingPathComponent(".pgpass")
        let components = try #require(URLComponents(string: url))
        try "# host:port:database:user:password\nother:1:*:*:wrong\n127.0.0.1:\(components.port!):*:devlog:\(password)\n"
            .write(to: passfile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passfile.path)
        #expect(try fromFile.run(["cycles"]).stdout.contains("Agent-7"))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: passfile.path)
        let ignored = try fromFile.run(["cycles"])
        #expect(ignored.status == 1 && ignored.stderr.contains("refused the login"), "a password file others can read is ignored: \(ignored.stderr)")
        #expect(!ignored.stderr.contains(password))
    }

    @Test("a wrong password, an unreachable server, an unverifiable certificate: one line each, the password nowhere",
          TestPostgres.required)
    func failuresHideThePassword() throws {
        let url = try TestPostgres.freshDatabase()
        let password = try TestPostgres.password()
        let devlog = try Self.runner(["DEVLOG_LOG_LEVEL": "trace"])
        defer { try? FileManager.default.removeItem(at: devlog.folder) }
        var wrong = try #require(URLComponents(string: url))
        wrong.password = "not-\(password)"
        var unreachable = try #require(URLComponents(string: url))
        unreachable.port = try Self.closedPort()
        let cases: [(url: String, says: String)] = [
            (wrong.string!, "refused the login"),
            (unreachable.string!, "cannot reach the PostgreSQL server"),
            (url + "?sslmode=verify-full", "certificate could not be verified"),
        ]
        for (url, says) in cases {
            let result = try devlog.run(["import", Self.example, "--db", url])
            #expect(result.status == 1)
            #expect(result.stderr.contains(says), "\(result.stderr)")
            for secret in [password, "not-\(password)"] {
                #expect(!result.stderr.contains(secret) && !result.stdout.contains(secret), "the password leaked: \(result.stderr)")
            }
        }
        // A working run at trace level logs the store's location, never its password.
        let traced = try devlog.run(["import", Self.example, "--db", url])
        #expect(traced.status == 0, "\(traced.stderr)")
        #expect(!traced.stderr.contains(password) && !traced.stdout.contains(password))
        #expect(try Self.entries(devlog).isEmpty, "nothing written in the folder")
    }

    @Test("sslmode=require works over TLS where the server refuses sessions without it; verify-full takes a certificate it was told to trust",
          TestPostgres.required)
    func tls() throws {
        // The test cluster's database devlog_tls rejects unencrypted sessions (scripts/pg-cluster).
        let cluster = try #require(TestPostgres.url)
        var components = try #require(URLComponents(string: cluster))
        components.path = "/devlog_tls"
        let url = components.string!
        let devlog = try Self.runner()
        defer { try? FileManager.default.removeItem(at: devlog.folder) }
        let plain = try devlog.run(["cycles", "--db", url + "?sslmode=disable"])
        #expect(plain.status == 1 && plain.stderr.contains("refused the login"), "\(plain.stderr)")
        let encrypted = try devlog.run(["import", Self.example, "--db", url + "?sslmode=require"])
        #expect(encrypted.status == 0, "\(encrypted.stderr)")
        #expect(try devlog.run(["cycles", "--db", url + "?sslmode=require"]).stdout.contains("Agent-7"))
        // verify-full: refused until the server's certificate is trusted.
        let certificate = try #require(TestPostgres.certificate)
        #expect(try devlog.run(["cycles", "--db", url + "?sslmode=verify-full"]).stderr.contains("certificate could not be verified"))
        let verified = try devlog.run(["cycles", "--db", url + "?sslmode=verify-full&sslrootcert=\(certificate)"])
        #expect(verified.status == 0 && verified.stdout.contains("Agent-7"), "\(verified.stderr)")
    }

    @Test("devlog cycle on a PostgreSQL store: import, check, generate, publish, archive; a rerun does nothing; git hooks see no password",
          TestPostgres.required)
    func wholeCycle() async throws {
        let password = try TestPostgres.password()
        let url = TestPostgres.withoutPassword(try TestPostgres.freshDatabase())
        let isolation = ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]
        let devlog = try Self.runner(isolation.merging(["DEVLOG_DB": url, "PGPASSWORD": password]) { $1 })
        defer { try? FileManager.default.removeItem(at: devlog.folder) }
        try await Git(directory: devlog.folder, environment: isolation, logger: Logger(label: "devlog.tests") { _ in SwiftLogNoOpLogHandler() })
            .run(["init", "-q"])
        let hook = devlog.folder.appendingPathComponent(".git/hooks/reference-transaction")
        let seen = devlog.folder.appendingPathComponent(".git/hook-environment")
        try Data("#!/bin/sh\ncat >/dev/null\nenv >>'\(seen.path)'\n".utf8).write(to: hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        try await DiscordSandbox.withRunning(DiscordSandbox.Configuration()) { base, state in
            let webhook = ["DEVLOG_DISCORD_WEBHOOK": DiscordSandbox.Configuration.defaultWebhook.url(base: base.absoluteString)]
            let first = try await devlog.start(["cycle", "--import", Self.example], environment: webhook).finished()
            #expect(first.status == 0 || first.status == 3, "\(first.stdout)\(first.stderr)")
            let sent = state.messages.count
            #expect(sent > 0)
            let again = try await devlog.start(["cycle"], environment: webhook).finished()
            #expect(again.status == first.status, "\(again.stderr)")
            #expect(state.messages.count == sent && state.counters.requests == sent, "a rerun sent nothing")
            for result in [first, again] { #expect(!result.stdout.contains(password) && !result.stderr.contains(password)) }
        }
        let log = try CommandRunner(folder: devlog.folder, environment: isolation).run(program: URL(fileURLWithPath: "/usr/bin/git"), ["log", "--format=%s"])
        #expect(log.stdout.split(separator: "\n").count == 1, "one archive commit: \(log.stdout)")
        let environment = try String(contentsOf: seen, encoding: .utf8)
        #expect(environment.contains("LC_ALL=C"), "the hook did not run")
        #expect(!environment.contains(password) && !environment.contains("PGPASSWORD"))
        #expect(environment.contains("DEVLOG_DB=\(url)"), "a URL without a password is not a secret")
    }

    /// A loopback port nothing listens on: bound, then let go.
    static func closedPort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
