import DevlogKit
import DevlogPublish
import DevlogSandbox
import Foundation
import Testing

/// Publishing stored cycles through DevlogKit to the Discord sandbox over real HTTP, with the
/// outbox in a real SQLite file.
@Suite struct PublishTests {
    static let token = "tok3n-SECRET-value_42"

    static func webhook(_ base: URL) throws -> WebhookURL {
        try WebhookURL(parsing: "\(base.absoluteString)/api/webhooks/1300000000000000042/\(token)")
    }

    @Test(arguments: PublishMode.allCases)
    func everyPartArrivesWithinLimits(mode: PublishMode) async throws {
        let test = try TestProject(tasks: 30)
        try await DiscordSandbox.withRunning(TestProject.sandbox) { base, state in
            let outcome = try await test.project.publish(.id(test.cycleID), mode: mode, webhook: Self.webhook(base), connection: TestProject.connection)
            let live = state.messages.filter { !$0.isDeleted }
            #expect(live.map(\.id) == outcome.report.messageIDs)
            #expect(outcome.report.posted == Array(0..<live.count))
            for message in live {
                #expect(message.content.unicodeScalars.count <= DiscordLimits.content)
            }
            switch mode {
            case .text:
                #expect(live.count >= 2, "30 long tasks need more than one message")
                #expect(live.map(\.content).joined(separator: "\n").contains("Task 29 original"))
            case .embed:
                #expect(live.count == 1 && live[0].embeds.count == 1)
            case .file:
                #expect(live.count == 1 && live[0].attachments.map(\.filename) == ["2026-11-28_Agent-6_publish_cycle-4.md"])
                #expect(live[0].attachments[0].size == (try test.project.generate(.id(test.cycleID), discordFacts: false)).markdown.utf8.count)
            }
        }
    }

    @Test(arguments: PublishMode.allCases)
    func dryRunShowsExactBodiesAndSendsNothing(mode: PublishMode) async throws {
        let test = try TestProject(tasks: 30)
        try await DiscordSandbox.withRunning(TestProject.sandbox) { base, state in
            let outcome = try await test.project.publish(.id(test.cycleID), mode: mode, webhook: Self.webhook(base), dryRun: true,
                                                         connection: TestProject.connection)
            #expect(state.counters.requests == 0)
            #expect(try test.project.store.outboxRows(devlogKey: String(test.cycleID), webhookID: "1300000000000000042").isEmpty)
            #expect(!outcome.requests.isEmpty)
            for request in outcome.requests {
                #expect(request.method == "POST")
                #expect(!request.url.contains(Self.token) && request.url.hasSuffix("/webhooks/1300000000000000042/***?wait=true"))
                let json = try #require(request.json)
                let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
                // Nobody is pinged, though the mission text says @everyone.
                #expect((object["allowed_mentions"] as? [String: Any])?["parse"] as? [String] == [])
            }
            #expect(outcome.requests.contains { $0.json?.contains("@everyone") == true }, "the devlog's mention must be in the payload for this test to mean anything")
        }
    }

    @Test func rerunSendsNothing() async throws {
        let test = try TestProject(tasks: 30)
        try await DiscordSandbox.withRunning(TestProject.sandbox) { base, state in
            let first = try await test.project.publish(.id(test.cycleID), webhook: Self.webhook(base), connection: TestProject.connection)
            let requests = state.counters.requests
            let second = try await test.project.publish(.id(test.cycleID), webhook: Self.webhook(base), connection: TestProject.connection)
            #expect(second.report.sentNothing)
            #expect(second.report.messageIDs == first.report.messageIDs)
            #expect(state.counters.requests == requests)
        }
    }

    @Test func changedTaskIsEditedInPlace() async throws {
        let test = try TestProject(tasks: 30)
        try await DiscordSandbox.withRunning(TestProject.sandbox) { base, state in
            let first = try await test.project.publish(.id(test.cycleID), webhook: Self.webhook(base), connection: TestProject.connection)
            try test.project.edit(.id(test.cycleID)) { _ = $0.updateTask(30, title: "Task 29 changed: done differently") }
            let second = try await test.project.publish(.id(test.cycleID), webhook: Self.webhook(base), connection: TestProject.connection)
            #expect(second.report.posted.isEmpty && !second.report.edited.isEmpty)
            #expect(second.report.messageIDs == first.report.messageIDs)
            let edited = try #require(state.message(id: first.report.messageIDs[second.report.edited[0]]))
            #expect(edited.editCount == 1 && edited.content.contains("Task 29 changed"))
            #expect(state.messages.count == first.report.messageIDs.count)
        }
    }

    @Test func morePartsArePostedAndFewerDeleted() async throws {
        let test = try TestProject(tasks: 2)
        try await DiscordSandbox.withRunning(TestProject.sandbox) { base, state in
            let small = try await test.project.publish(.id(test.cycleID), webhook: Self.webhook(base), connection: TestProject.connection)
            #expect(small.report.messageIDs.count == 1)
            try test.setTasks(40)
            let large = try await test.project.publish(.id(test.cycleID), webhook: Self.webhook(base), connection: TestProject.connection)
            #expect(large.report.messageIDs.count >= 2)
            #expect(large.report.posted == Array(1..<large.report.messageIDs.count) && large.report.edited == [0])
            try test.setTasks(2)
            let shrunk = try await test.project.publish(.id(test.cycleID), webhook: Self.webhook(base), connection: TestProject.connection)
            #expect(shrunk.report.deleted == Array(1..<large.report.messageIDs.count))
            #expect(state.messages.filter { !$0.isDeleted }.map(\.id) == [small.report.messageIDs[0]])
            #expect(try test.project.publication(for: test.cycleID)?.messageIDs == [small.report.messageIDs[0]])
        }
    }

    @Test func messageDeletedInDiscordIsPostedAgain() async throws {
        let test = try TestProject(tasks: 2)
        try await DiscordSandbox.withRunning(TestProject.sandbox) { base, state in
            let webhook = try Self.webhook(base)
            let first = try await test.project.publish(.id(test.cycleID), webhook: webhook, connection: TestProject.connection)
            let client = DiscordClient(transport: try CurlTransport(logger: .init(label: "test")), logger: .init(label: "test"))
            #expect(try await client.delete(messageID: first.report.messageIDs[0], on: webhook))
            try test.setTasks(3)
            let second = try await test.project.publish(.id(test.cycleID), webhook: webhook, connection: TestProject.connection)
            #expect(second.report.reposted == [0])
            #expect(second.report.messageIDs[0] != first.report.messageIDs[0])
            #expect(state.messages.filter { !$0.isDeleted }.map(\.id) == second.report.messageIDs)
        }
    }

    @Test func failureMidwayIsResumedByRetryFailed() async throws {
        let test = try TestProject(tasks: 40)
        try await DiscordSandbox.withRunning(TestProject.sandbox) { base, state in
            let webhook = try Self.webhook(base)
            // The first part goes through; the second is refused, as a broken deploy of Discord might.
            state.enqueue([.pass, .status(400, body: #"{"code": 50035, "message": "Invalid Form Body"}"#, contentType: "application/json")])
            await #expect(throws: PublishError.self) {
                try await test.project.publish(.id(test.cycleID), webhook: webhook, connection: TestProject.connection)
            }
            let pending = try test.project.pendingDeliveries()
            #expect(pending.map(\.part) == [1] && pending[0].state == "failed" && pending[0].attempts == 1)
            #expect(pending[0].webhook == "…/webhooks/1300000000000000042/***")
            #expect(pending[0].lastError?.contains("50035") == true)
            #expect(try test.project.publication(for: test.cycleID) == nil)

            let retried = try await test.project.retryFailed(webhook: webhook, connection: TestProject.connection)
            #expect(retried.failures.isEmpty)
            let report = try #require(retried.published.first?.report)
            #expect(report.unchanged == [0] && report.posted == Array(1..<report.messageIDs.count))
            // The plan cannot tell a refused POST from an unanswered one, so it flags the part; Discord shows it once.
            #expect(report.possiblyDuplicated == [1])
            #expect(state.messages.count == report.messageIDs.count)
            #expect(state.messages.filter { !$0.isDeleted }.map(\.id) == report.messageIDs)
            #expect(try test.project.pendingDeliveries().isEmpty)
            let publication = try #require(try test.project.publication(for: test.cycleID))
            #expect(publication.messageIDs == report.messageIDs)
            #expect(publication.channelID == DiscordSandbox.Configuration.defaultChannelID)
            #expect(publication.webhookID == "1300000000000000042" && publication.mode == "text")

            let bytes = try test.databaseBytes()
            #expect(bytes.range(of: Data(Self.token.utf8)) == nil, "the webhook token reached the database")
            #expect(bytes.range(of: Data("1300000000000000042".utf8)) != nil, "the scan must see the outbox rows")
        }
    }

    @Test func retryWithoutTheWebhookSaysWhichToPass() async throws {
        let test = try TestProject(tasks: 2)
        try await DiscordSandbox.withRunning(TestProject.sandbox) { base, state in
            state.enqueue(.status(400, body: #"{"code": 50035, "message": "Invalid Form Body"}"#, contentType: "application/json"))
            _ = try? await test.project.publish(.id(test.cycleID), webhook: Self.webhook(base), connection: TestProject.connection)
            let outcome = try await test.project.retryFailed(connection: TestProject.connection, environment: [:])
            #expect(outcome.failures.count == 1)
            #expect(outcome.failures[0].message.contains("1300000000000000042") && outcome.failures[0].message.contains("--webhook"))
        }
    }
}
