@testable import DevlogPublish
import DevlogSandbox
import Foundation
import Synchronization
import Testing

/// An outbox that pretends the process died at its n-th save, before writing.
final class KillingOutbox: OutboxStorage {
    let base: InMemoryOutboxStorage
    private let saves = Mutex(0)
    private let killAt: Int?

    init(_ base: InMemoryOutboxStorage, killAtSave: Int?) {
        self.base = base
        self.killAt = killAtSave
    }

    func records(devlogKey: String, webhookID: String) async throws -> [OutboxRecord] {
        try await base.records(devlogKey: devlogKey, webhookID: webhookID)
    }

    func save(_ record: OutboxRecord) async throws {
        let number = saves.withLock { $0 += 1; return $0 }
        if let killAt, number >= killAt { throw SimulatedKill() }
        try await base.save(record)
    }

    func remove(devlogKey: String, webhookID: String, partIndex: Int) async throws {
        try await base.remove(devlogKey: devlogKey, webhookID: webhookID, partIndex: partIndex)
    }
}

/// An in-memory outbox beside a ``ClientHarness``.
struct PublisherHarness {
    let harness: ClientHarness
    let outbox = InMemoryOutboxStorage()

    /// Runs `body` with a fresh outbox and sandbox.
    static func run<T>(isolation: isolated (any Actor)? = #isolation, _ body: (PublisherHarness) async throws -> T) async throws -> T {
        try await ClientHarness.run { harness in try await body(PublisherHarness(harness: harness)) }
    }

    func publisher(outbox: (any OutboxStorage)? = nil, transport: (any HTTPTransport)? = nil) throws -> Publisher {
        var client = harness.client
        if let transport {
            client = DiscordClient(transport: transport, clock: harness.clock, unitRandom: { 0.5 }, logger: harness.capture.logger())
        }
        return Publisher(client: client, outbox: outbox ?? self.outbox, now: { Date(timeIntervalSince1970: 1_800_000_000) }, logger: harness.capture.logger())
    }

    func publish(_ contents: [String], outbox: (any OutboxStorage)? = nil, transport: (any HTTPTransport)? = nil) async throws -> PublishReport {
        try await publisher(outbox: outbox, transport: transport).publish(Self.parts(contents), devlogKey: "agent-7/2026-11-28", to: harness.webhook)
    }

    static func parts(_ contents: [String]) -> [DeliveryPart] {
        contents.map { DeliveryPart(WebhookMessage(content: $0)) }
    }

    /// The live messages' contents, in posting order.
    var messages: [String] { harness.messages.map(\.content) }
    var records: [OutboxRecord] { outbox.allRecords }
}

@Suite("Publisher over the outbox and the Discord sandbox")
struct PublisherTests {
    @Test("first publish posts every part and records them sent; publishing again sends nothing")
    func idempotent() async throws {
        try await PublisherHarness.run { setup in
            let first = try await setup.publish(["a", "b", "c"])
            #expect(first.posted == [0, 1, 2])
            #expect(setup.messages == ["a", "b", "c"])
            #expect(setup.records.map(\.state) == [.sent, .sent, .sent])
            #expect(setup.records.map(\.messageID) == setup.harness.messages.map(\.id))
            #expect(setup.records.allSatisfy { $0.webhookID == ClientHarness.webhookID && $0.attempts == 1 && $0.lastError == nil })
            let requestsBefore = setup.harness.requests.count
            let second = try await setup.publish(["a", "b", "c"])
            #expect(second.sentNothing)
            #expect(second.unchanged == [0, 1, 2])
            #expect(second.messageIDs == first.messageIDs)
            #expect(setup.harness.requests.count == requestsBefore)
        }
    }

    @Test("changed content edits in place, posts extra parts and deletes surplus ones")
    func changes() async throws {
        try await PublisherHarness.run { setup in
            let first = try await setup.publish(["a", "b", "c"])
            let grown = try await setup.publish(["a", "B", "c", "d"])
            #expect(grown.unchanged == [0, 2] && grown.edited == [1] && grown.posted == [3])
            #expect(setup.messages == ["a", "B", "c", "d"])
            #expect(Array(grown.messageIDs.prefix(3)) == first.messageIDs)
            let shrunk = try await setup.publish(["A"])
            #expect(shrunk.edited == [0] && shrunk.deleted == [1, 2, 3])
            #expect(setup.messages == ["A"])
            #expect(setup.records.map(\.partIndex) == [0])
            #expect(setup.harness.requests.filter { $0.method == "PATCH" }.count == 2)
        }
    }

    @Test("a message deleted in Discord is posted anew when its part changes (PATCH → 10008 → POST)")
    func deletedInDiscord() async throws {
        try await PublisherHarness.run { setup in
            let first = try await setup.publish(["a", "b"])
            #expect(setup.harness.state.deleteMessage(id: first.messageIDs[0]))
            let report = try await setup.publish(["a2", "b"])
            #expect(report.reposted == [0] && report.posted.isEmpty && report.edited.isEmpty)
            #expect(setup.messages == ["b", "a2"])
            #expect(setup.records.first?.messageID == report.messageIDs[0])
            #expect(report.messageIDs[0] != first.messageIDs[0])
            #expect(setup.records.map(\.state) == [.sent, .sent])
        }
    }

    @Test("a rejected part is recorded failed (redacted) and the rerun resumes from it")
    func failureThenResume() async throws {
        let body = #"{"code": 50035, "message": "Invalid Form Body", "errors": {"content": {"_errors": [{"code": "X", "message": "Bad."}]}}}"#
        try await PublisherHarness.run { setup in
            // The first part goes through; Discord refuses the second.
            setup.harness.state.enqueue([.pass, .status(400, body: body, contentType: "application/json")])
            let error = await #expect(throws: PublishError.self) { _ = try await setup.publish(["a", "b", "c"]) }
            #expect(error?.partIndex == 1)
            #expect(error?.underlying.code == 50035)
            #expect(error?.report.posted == [0])
            #expect(setup.records.map(\.state) == [.sent, .failed])
            #expect(setup.records[1].lastError?.contains("content: Bad.") == true)
            #expect(setup.records[1].messageID == nil && setup.records[1].attempts == 1)
            #expect(setup.harness.requests.last?.payload?["content"] == "b")
            let rerun = try await setup.publish(["a", "b", "c"])
            #expect(rerun.unchanged == [0] && rerun.posted == [1, 2])
            #expect(setup.messages == ["a", "b", "c"])
            #expect(setup.records.map(\.attempts) == [1, 2, 1])
            for record in setup.records { #expect(!(record.lastError ?? "").contains(ClientHarness.token)) }
            setup.harness.expectNoTokenLeak([error.map { "\($0)" } ?? ""])
        }
    }

    @Test("an interrupted edit is checked with GET: already applied means no PATCH")
    func interruptedEditVerified() async throws {
        try await PublisherHarness.run { setup in
            let first = try await setup.publish(["a"])
            // Killed after Discord applied the edit, before the outbox recorded it.
            _ = try await setup.harness.client.edit(messageID: first.messageIDs[0], to: WebhookMessage(content: "a2"), on: setup.harness.webhook)
            try await setup.outbox.save(OutboxRecord(devlogKey: "agent-7/2026-11-28", webhookID: ClientHarness.webhookID, partIndex: 0,
                                                     contentHash: DeliveryPart(WebhookMessage(content: "a2")).contentHash, state: .pending,
                                                     attempts: 1, messageID: first.messageIDs[0], updatedAt: Date()))
            let patchesBefore = setup.harness.requests.filter { $0.method == "PATCH" }.count
            let report = try await setup.publish(["a2"])
            #expect(report.unchanged == [0] && report.edited.isEmpty)
            #expect(setup.harness.requests.filter { $0.method == "PATCH" }.count == patchesBefore)
            #expect(setup.harness.requests.last?.method == "GET")
            #expect(setup.records.map(\.state) == [.sent])
        }
    }

    static let scenarios: [(before: [String], after: [String])] = [
        (["a", "b", "c", "d"], ["a2", "b", "c2"]),  // edit, keep, edit, delete
        (["a"], ["a2", "b", "c"]),                  // edit, post, post
    ]

    @Test("killed at any outbox write and rerun: right final state; the only duplicate is a POST confirmed but not yet recorded",
          arguments: 0..<2)
    func killAtSaveAndRerun(scenario: Int) async throws {
        let (before, after) = Self.scenarios[scenario]
        var killPoints = 0
        for killAtSave in 1...20 {
            let killed = try await PublisherHarness.run { setup in
                _ = try await setup.publish(before)
                do {
                    _ = try await setup.publish(after, outbox: KillingOutbox(setup.outbox, killAtSave: killAtSave))
                    return false  // past the last write: no more kill points
                } catch is SimulatedKill {}
                // Pending without an id: its POST went out and was confirmed, the kill came before
                // the outbox recorded it. Nothing can tell, so the rerun posts it again.
                let unconfirmed = setup.records.filter { $0.state == .pending && $0.messageID == nil }.map(\.partIndex)
                let rerun = try await setup.publish(after)
                let messages = setup.messages
                #expect(Set(messages) == Set(after), "kill at write \(killAtSave): \(messages)")
                #expect(messages.count == after.count + unconfirmed.count, "kill at write \(killAtSave): \(messages)")
                #expect(rerun.possiblyDuplicated == unconfirmed)
                #expect(unconfirmed.count <= 1)
                #expect(setup.records.map(\.state) == Array(repeating: .sent, count: after.count))
                #expect(setup.records.map(\.partIndex) == Array(0..<after.count))
                #expect(try await setup.publish(after).sentNothing, "kill at write \(killAtSave): a third run still sent something")
                return true
            }
            guard killed else { break }
            killPoints += 1
        }
        #expect(killPoints >= 4)
    }

    @Test("killed before any request goes out and rerun: nothing is duplicated", arguments: 0..<2)
    func killAtSendAndRerun(scenario: Int) async throws {
        let (before, after) = Self.scenarios[scenario]
        var killPoints = 0
        for killAtSend in 1...20 {
            let killed = try await PublisherHarness.run { setup in
                _ = try await setup.publish(before)
                let transport = try CountingTransport(CurlTransport(logger: setup.harness.capture.logger()), killAt: killAtSend)
                do {
                    _ = try await setup.publish(after, transport: transport)
                    return false
                } catch is SimulatedKill {}
                _ = try await setup.publish(after)
                #expect(setup.messages.sorted() == after.sorted(), "kill at send \(killAtSend): \(setup.messages)")
                #expect(setup.records.map(\.state) == Array(repeating: .sent, count: after.count))
                #expect(try await setup.publish(after).sentNothing)
                return true
            }
            guard killed else { break }
            killPoints += 1
        }
        #expect(killPoints >= 2)
    }
}
