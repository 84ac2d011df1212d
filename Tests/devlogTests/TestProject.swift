import DevlogKit
import DevlogModel
import DevlogPublish
import DevlogSandbox
import Foundation
import Logging

/// A project in a fresh temporary folder with one stored cycle, and the sandbox settings tests publish with.
struct TestProject {
    let folder: URL
    let project: DevlogProject
    let cycleID: Int64

    /// A project whose cycle has `tasks` tasks of about 100 characters each (30 make two text messages).
    init(tasks: Int = 3, config: String? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("devlog-publish-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".devlog"), withIntermediateDirectories: true)
        if let config { try Data(config.utf8).write(to: folder.appendingPathComponent(".devlog/config.yaml")) }
        project = try DevlogProject(configuration: .init(folder: folder.path), logger: Logger(label: "devlog.tests.publish", factory: { _ in SwiftLogNoOpLogHandler() }))
        let outcome = try project.startCycle(agent: Agent(id: "Agent-6"), mission: Mission(id: "publish", objective: "Tell @everyone about it"),
                                             cycle: Cycle(number: 4, date: "2026-11-28"))
        cycleID = outcome.id
        try setTasks(tasks)
    }

    /// Replaces the cycle's secondary tasks with `count` numbered ones, `word` in each title.
    func setTasks(_ count: Int, word: String = "original") throws {
        try project.edit(.id(cycleID)) { devlog in
            devlog.blocks.removeAll { $0.kind == .task }
            for index in 0..<count {
                _ = devlog.addTask("Task \(index) \(word): " + String(repeating: "lorem ipsum ", count: 8), status: Status(.pending))
            }
        }
    }

    /// The sandbox webhook under `base`.
    static func webhook(_ base: URL) throws -> WebhookURL {
        try WebhookURL(parsing: DiscordSandbox.Configuration.defaultWebhook.url(base: base.absoluteString))
    }

    /// A sandbox roomy enough that tests never wait on its limits.
    static var sandbox: DiscordSandbox.Configuration {
        var configuration = DiscordSandbox.Configuration()
        configuration.bucketLimit = 1000
        configuration.channelLimitPerMinute = 1000
        return configuration
    }

    /// A connection without the client's own channel pacing, and few quick retries.
    static var connection: PublishConnection {
        PublishConnection(client: .init(retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10), maxDelay: .milliseconds(20), deadline: .seconds(5)),
                                        rateLimit: .init(channelLimit: 0)))
    }

    /// The database file's bytes (and its WAL's), to look for what must never be written.
    func databaseBytes() throws -> Data {
        let path = project.configuration.databasePath
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        if let wal = FileManager.default.contents(atPath: path + "-wal") { data.append(wal) }
        return data
    }
}
