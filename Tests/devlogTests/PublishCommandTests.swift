import DevlogSandbox
import DevlogTestSupport
import Foundation
import Testing

/// The built `devlog` binary, run as a user would, against the sandbox.
@Suite struct PublishCommandTests {
    static let token = "cli-T0KEN-do-not-print"

    /// `.build/debug/devlog` (or wherever the test bundle was built).
    static var binary: URL? {
        var candidates = [Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL]
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug"))
        return candidates.map { $0.appendingPathComponent("devlog") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `devlog arguments` in `folder` and waits for it without blocking a task thread.
    static func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) async throws -> Result {
        let process = Process()
        guard let binary else { throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "the devlog binary was not built next to the tests"]) }
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DEVLOG_") }.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let status = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        return Result(status: status, stdout: String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                      stderr: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    @Test func publishOutboxAndErrorsThroughTheBinary() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devlog-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(try await Self.run(["new", "--agent", "Agent-6", "--mission", "cli", "--objective", "Ping @everyone"], in: folder).status == 0)
        try await DiscordSandbox.withRunning(TestProject.sandbox) { base, state in
            let url = "\(base.absoluteString)/api/webhooks/1400000000000000007/\(Self.token)"
            let dry = try await Self.run(["publish", "--webhook", url, "--dry-run"], in: folder)
            #expect(dry.status == 0 && state.counters.requests == 0)
            #expect(dry.stdout.contains(#""allowed_mentions":{"parse":[]}"#) && dry.stdout.contains("would publish"))

            let published = try await Self.run(["publish", "--json"], in: folder, environment: ["DEVLOG_DISCORD_WEBHOOK": url])
            #expect(published.status == 0)
            let outcomes = try #require(try JSONSerialization.jsonObject(with: Data(published.stdout.utf8)) as? [[String: Any]])
            #expect(outcomes.first?["posted"] as? [Int] == [0])
            #expect(state.messages.map(\.id) == outcomes.first?["messageIDs"] as? [String])

            state.enqueue(.status(400, body: #"{"code": 50035, "message": "Invalid Form Body"}"#, contentType: "application/json"))
            #expect(try await Self.run(["task", "add", "One more"], in: folder).status == 0)
            let failed = try await Self.run(["publish", "--webhook", url], in: folder)
            #expect(failed.status == 1)
            // Warnings from the log may come first; the error itself is one line.
            let errors = failed.stderr.split(separator: "\n").filter { $0.hasPrefix("devlog: error:") }
            #expect(errors.count == 1 && errors[0].hasPrefix("devlog: error: cycle 1: publishing stopped at part 0"))

            let outbox = try await Self.run(["outbox", "--json"], in: folder)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(outbox.stdout.utf8)) as? [[String: Any]])
            #expect(rows.count == 1 && rows.first?["state"] as? String == "failed" && rows.first?["webhook"] as? String == "…/webhooks/1400000000000000007/***")

            let retried = try await Self.run(["publish", "--retry-failed", "--webhook", url], in: folder)
            #expect(retried.status == 0 && retried.stdout.contains("1 edited"))
            #expect(try await Self.run(["outbox"], in: folder).stdout.contains("nothing pending"))

            for result in [dry, published, failed, outbox, retried] {
                #expect(!(result.stdout + result.stderr).contains(Self.token))
            }
        }
        let badURL = try await Self.run(["publish", "--webhook", "https://discord.com/api/webhooks/1/bad token"], in: folder)
        #expect(badURL.status != 0 && badURL.stderr.contains("--webhook") && !badURL.stderr.contains("bad token"))
        let nothingLeft = try await Self.run(["publish"], in: folder)
        #expect(nothingLeft.status == 0 && nothingLeft.stdout.contains("nothing to publish"))
        #expect(try await Self.run(["new", "--agent", "Agent-6", "--mission", "cli", "--cycle", "2"], in: folder).status == 0)
        let noWebhook = try await Self.run(["publish"], in: folder)
        #expect(noWebhook.status == 1 && noWebhook.stderr.contains("DEVLOG_DISCORD_WEBHOOK"))
    }

    @Test("publish after import posts the imported cycle, though it is dated before the published one; --latest goes by date")
    func publishAfterImport() async throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let example = try String(contentsOf: SharedFixtures.repositoryRoot.appendingPathComponent("examples/agent-7-cycle-3.yaml"), encoding: .utf8)
        try Data(example.utf8).write(to: folder.appendingPathComponent("cycle-3.yaml"))
        let earlier = example.replacingOccurrences(of: "  number: 3\n  date: 2026-11-27\n  title: Cache Freshness Fix - Invalidation Landed",
                                                   with: "  number: 2\n  date: 2026-11-20\n  title: Imported Afterwards")
        #expect(earlier != example)
        try Data(earlier.utf8).write(to: folder.appendingPathComponent("cycle-2.yaml"))
        try await DiscordSandbox.withRunning(TestProject.sandbox) { base, state in
            let environment = ["DEVLOG_DISCORD_WEBHOOK": DiscordSandbox.Configuration.defaultWebhook.url(base: base.absoluteString)]
            #expect(try await Self.run(["import", "cycle-3.yaml"], in: folder).status == 0)
            #expect(try await Self.run(["publish"], in: folder, environment: environment).status == 0)
            let firstPosts = state.messages.count
            #expect(firstPosts > 0)

            #expect(try await Self.run(["import", "cycle-2.yaml"], in: folder).status == 0)
            let latest = try await Self.run(["publish", "--latest", "--dry-run", "--json"], in: folder, environment: environment)
            let planned = try #require(try JSONSerialization.jsonObject(with: Data(latest.stdout.utf8)) as? [[String: Any]])
            #expect(planned.first?["cycle"] as? Int == 1, "--latest names the cycle with the latest date, not the one imported last")
            #expect(planned.first?["posted"] as? [Int] == [], "and that one is published already")

            let published = try await Self.run(["publish", "--json"], in: folder, environment: environment)
            #expect(published.status == 0, "\(published.stderr)")
            let outcomes = try #require(try JSONSerialization.jsonObject(with: Data(published.stdout.utf8)) as? [[String: Any]])
            #expect(outcomes.map { $0["cycle"] as? Int } == [2])
            #expect(state.messages.count > firstPosts)
            #expect(state.messages.dropFirst(firstPosts).allSatisfy { $0.content.contains("Imported Afterwards") || !$0.content.contains("Invalidation Landed") })
            #expect(state.messages.prefix(firstPosts).allSatisfy { $0.editCount == 0 }, "the published cycle is left alone")

            let again = try await Self.run(["publish"], in: folder, environment: environment)
            #expect(again.status == 0 && again.stdout.contains("nothing to publish"))
        }
    }

    @Test func aLoopbackWebhookBypassesEveryProxyVariable() async throws {
        // A proxy that grants a tunnel and then drops it: TLS through it fails at once, without retries.
        let proxy = try RecordingListener(response: "HTTP/1.1 200 Connection established\r\n\r\n")
        defer { proxy.stop() }
        let address = "http://127.0.0.1:\(proxy.port)"
        var environment: [String: String] = [:]
        for name in ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] { environment[name] = address }
        // No exception the machine running the tests may have set covers the sandbox.
        environment["no_proxy"] = "example.invalid"
        environment["NO_PROXY"] = "example.invalid"

        try await DiscordSandbox.withRunning(TestProject.sandbox) { base, state in
            let webhook = "\(base.absoluteString)/api/webhooks/1400000000000000007/\(Self.token)"
            let devlog = CommandRunner(folder: try CommandRunner.temporaryFolder(), environment: environment.merging(["DEVLOG_DISCORD_WEBHOOK": webhook]) { $1 })
            #expect(try devlog.run(["new", "--agent", "Agent-6", "--mission", "proxy", "--objective", "Stay on this machine"]).status == 0)
            let published = try devlog.run(["publish"])
            #expect(published.status == 0, "\(published.stderr)")
            #expect(state.messages.count == 1)
            #expect(proxy.requests.isEmpty, "the proxy received: \(proxy.requests.map { $0.prefix { $0 != "\r" } })")
        }

        // The same variables do reach libcurl in the child: https to Discord goes through the proxy,
        // which sees the host it tunnels to, never the path that holds the token.
        let discord = CommandRunner(folder: try CommandRunner.temporaryFolder(), environment: environment.merging(
            ["DEVLOG_DISCORD_WEBHOOK": "https://discord.com/api/webhooks/1400000000000000007/\(Self.token)"]) { $1 })
        #expect(try discord.run(["new", "--agent", "Agent-6", "--mission", "proxy", "--objective", "Through the proxy"]).status == 0)
        #expect(try discord.run(["publish"]).status == 1)
        #expect(proxy.requests.first?.hasPrefix("CONNECT discord.com:443 ") == true, "\(proxy.requests)")
        #expect(!proxy.requests.joined().contains(Self.token))
    }
}
