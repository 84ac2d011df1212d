import DevlogModel
import DevlogStore
import Foundation
import Testing

/// What processes publishing from one store share through it: claims on publications, which
/// revision was delivered (the queue), and the rate-limit documents.
@Suite("DevlogStore: publications, the queue and shared rate limits")
struct DevlogStorePublishingTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func publication(_ key: String) -> PublicationRow {
        PublicationRow(devlogKey: key, webhookID: "42", mode: "text", updatedAt: now)
    }

    func sent(_ key: String, part: Int = 0, state: String = "sent") -> OutboxRow {
        OutboxRow(devlogKey: key, webhookID: "42", partIndex: part, contentHash: "h", state: state, attempts: 1, messageID: "9", updatedAt: now)
    }

    @Test("a claim keeps others out until it ends or lapses; a lapsed claim taken over is no longer renewed by its first holder")
    func claims() throws {
        let folder = try TemporaryDirectory()
        let store = try DevlogStore(path: folder.path("claims.sqlite"))
        #expect(try store.claimPublication(publication("1"), holder: "p1", until: now + 5, now: now) == nil)
        #expect(try store.claimPublication(publication("1"), holder: "p1", until: now + 6, now: now + 1) == nil, "its own claim is renewed")
        #expect(try store.claimPublication(publication("1"), holder: "p2", until: now + 7, now: now + 2) == now + 6)
        #expect(try store.claimPublication(publication("2"), holder: "p2", until: now + 7, now: now + 2) == nil, "another cycle is free")
        #expect(try store.renewPublicationClaim(devlogKey: "1", webhookID: "42", holder: "p1", until: now + 8))
        #expect(try store.claimPublication(publication("1"), holder: "p2", until: now + 13, now: now + 8) == nil, "lapsed")
        #expect(try !store.renewPublicationClaim(devlogKey: "1", webhookID: "42", holder: "p1", until: now + 14))
        try store.endPublication(devlogKey: "1", webhookID: "42", holder: "p1", deliveredRevision: nil)
        #expect(try store.claimPublication(publication("1"), holder: "p3", until: now + 15, now: now + 9) == now + 13, "only the holder ends its claim")
        try store.endPublication(devlogKey: "1", webhookID: "42", holder: "p2", deliveredRevision: nil)
        #expect(try store.claimPublication(publication("1"), holder: "p3", until: now + 15, now: now + 9) == nil)
    }

    @Test("the queue: cycles never published, not delivered whole, or changed since; oldest first, of one agent when named")
    func queue() throws {
        let folder = try TemporaryDirectory()
        let store = try DevlogStore(path: folder.path("queue.sqlite"))
        let late = try store.save(StoreFixtures.devlog(cycle: 2, date: "2025-09-20"), source: "late").id
        let early = try store.save(StoreFixtures.devlog(cycle: 1, date: "2025-09-01"), source: "early").id
        let other = try store.save(StoreFixtures.devlog(agent: "Agent-8", cycle: 1, date: "2025-09-10"), source: "other").id
        #expect(try store.unpublishedCycles().map(\.id) == [early, other, late])
        #expect(try store.unpublishedCycles(agent: "Agent-7").map(\.id) == [early, late])

        for id in [early, late] {
            let key = String(id)
            #expect(try store.claimPublication(publication(key), holder: "p", until: now + 5, now: now) == nil)
            try store.saveOutboxRow(sent(key))
            try store.endPublication(devlogKey: key, webhookID: "42", holder: "p", deliveredRevision: 1)
        }
        #expect(try store.unpublishedCycles().map(\.id) == [other])

        // A part left pending puts a cycle back; so does a change to its records.
        try store.saveOutboxRow(sent(String(early), part: 1, state: "pending"))
        try store.update(id: late) { _ = $0.addTask("One more", status: Status(.pending)) }
        #expect(try store.unpublishedCycles().map(\.id) == [early, other, late])
        #expect(try store.unpublishedCycles(agent: "Agent-8").map(\.id) == [other])
    }

    @Test("rate-limit documents: one per webhook and one for every webhook, changed in one transaction, removed when cleared")
    func rateLimitDocuments() throws {
        let folder = try TemporaryDirectory()
        let store = try DevlogStore(path: folder.path("limits.sqlite"))
        #expect(try store.rateLimits(webhookID: "42") == (nil, nil))
        let seen = try store.updateRateLimits(webhookID: "42") { webhook, every -> String in
            webhook = #"{"turn": "p1"}"#
            every = #"{"globalUntil": 1}"#
            return "done"
        }
        #expect(seen == "done")
        #expect(try store.rateLimits(webhookID: "42") == (#"{"turn": "p1"}"#, #"{"globalUntil": 1}"#))
        #expect(try store.rateLimits(webhookID: "43") == (nil, #"{"globalUntil": 1}"#), "what spans every webhook is one document")
        try store.updateRateLimits(webhookID: "42") { webhook, _ in webhook = nil }
        #expect(try store.rateLimits(webhookID: "42") == (nil, #"{"globalUntil": 1}"#))
    }
}
