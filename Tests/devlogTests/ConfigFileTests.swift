import DevlogKit
import DevlogPublish
import Foundation
import Testing

/// `.devlog/config.yaml`: every field read, errors naming line and field, the token never shown.
@Suite struct ConfigFileTests {
    static let token = "cfgT0ken-never-shown"

    @Test func readsEverySection() throws {
        let text = """
            discord:
              webhook: https://discord.com/api/webhooks/111/\(Self.token)
              agents: { Agent-6: "https://discordapp.com/api/webhooks/222/other-token" }
              username: Devlog Bot
              mode: embed
            archive:
              repo: archive-repo
              directory: logs/devlogs
              author: { name: Archivist, email: archive@example.org }
              push: true
              push_timeout: 30
            cycle:
              strict: yes
            """
        let config = try ConfigFile.parse(text, file: "config.yaml", folder: "/projects/p")
        #expect(config.discord.webhook?.id == "111")
        #expect(config.discord.agentWebhooks["Agent-6"]?.id == "222")
        #expect(config.discord.username == "Devlog Bot" && config.discord.mode == .embed)
        #expect(config.archive == ArchiveSettings(repositoryPath: "/projects/p/archive-repo", directory: "logs/devlogs",
                                                  authorName: "Archivist", authorEmail: "archive@example.org", push: true, pushTimeout: .seconds(30)))
        #expect(config.cycle == CycleSettings(strict: true))
    }

    @Test func missingFileMeansDefaults() throws {
        let config = try ConfigFile.load(path: "/nonexistent/\(UUID().uuidString)/config.yaml", folder: "/p")
        #expect(config.discord.webhook == nil && config.discord.mode == .text)
        #expect(config.archive == ArchiveSettings(repositoryPath: "/p"))
        #expect(!config.cycle.strict)
    }

    @Test(arguments: [
        ("discord:\n  mode: txt\n", 2, "discord.mode", "use text, embed or file"),
        ("discord:\n  webhook: https://example.com/api/webhooks/1/\(token)\n", 2, "discord.webhook", "not discord.com"),
        ("discord:\n  agents:\n    Agent-6: https://discord.com/api/webhooks/x1/\(token)\n", 3, "discord.agents.Agent-6", "not a number"),
        ("discord:\n  username: My Discord Bot\n", 2, "discord.username", "must not contain"),
        ("archive:\n  pushh: true\n", 2, "archive.pushh", "unknown field"),
        ("archive:\n  directory: ../outside\n", 2, "archive.directory", "inside the repository"),
        ("cycle:\n  strict: sometimes\n", 2, "cycle.strict", "expected true or false"),
        ("cycle:\n  gate: true\n", 2, "cycle.gate", "unknown field"),
        ("discord:\n  webhook: [https://discord.com/api/webhooks/1/\(token)\n", 3, nil, "syntax error"),
    ] as [(String, Int, String?, String)])
    func badFieldsNameLineAndField(text: String, line: Int, field: String?, words: String) throws {
        let error = try #require(throws: ConfigFileError.self) { try ConfigFile.parse(text, file: ".devlog/config.yaml", folder: "/p") }
        #expect(error.line == line)
        #expect(error.field == field)
        #expect(error.description.contains(words))
        #expect(!error.description.contains(Self.token))
        #expect(!error.description.contains("\n"))
    }

    @Test func webhookChoiceFollowsTheDocumentedOrder() throws {
        let test = try TestProject(tasks: 1, config: """
            discord:
              webhook: https://discord.com/api/webhooks/111/default-token
              agents: { Agent-6: https://discord.com/api/webhooks/222/agent-token, Agent-7: https://discord.com/api/webhooks/333/t }
            """)
        let explicit = try WebhookURL(parsing: "https://discord.com/api/webhooks/444/explicit")
        let environment = ["DEVLOG_DISCORD_WEBHOOK": "https://discord.com/api/webhooks/555/env"]
        #expect(try test.project.webhook(forAgent: "Agent-6", explicit: explicit, environment: environment).id == "444")
        #expect(try test.project.webhook(forAgent: "Agent-6", environment: environment).id == "555")
        #expect(try test.project.webhook(forAgent: "Agent-6", environment: [:]).id == "222")
        #expect(try test.project.webhook(forAgent: "Agent-9", environment: [:]).id == "111")
        let bad = try #require(throws: PublishingError.self) {
            try test.project.webhook(forAgent: nil, environment: ["DEVLOG_DISCORD_WEBHOOK": "https://discord.com/api/webhooks/1/bad token!"])
        }
        #expect(bad.description.hasPrefix("DEVLOG_DISCORD_WEBHOOK:") && !bad.description.contains("bad token"))
        let none = try TestProject(tasks: 1)
        #expect(throws: PublishingError.self) { try none.project.webhook(forAgent: "Agent-6", environment: [:]) }
    }
}
