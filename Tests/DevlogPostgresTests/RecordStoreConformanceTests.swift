import DevlogModel
import DevlogStore
import DevlogTestSupport
import Foundation
import Testing

/// One suite, run against every store (``StoreKind``): what devlog relies on a store for must
/// hold on SQLite and PostgreSQL alike.
@Suite("RecordStore conformance: SQLite and PostgreSQL behave the same")
struct RecordStoreConformanceTests {
    static func devlog(agent: String = "Agent-7", mission: String = "conformance", cycle: Int? = 1, label: String? = nil,
                       date: String = "2025-09-12", coverage: String = "85%") -> Devlog {
        var devlog = Devlog.skeleton(
            agent: Agent(id: agent, specialty: "Persistence", coordinates: "[1, 2]"),
            mission: Mission(id: mission, objective: "Hold every record", status: Status(.inProgress), progress: 50, progressText: "50%"),
            cycle: Cycle(number: cycle, label: label ?? cycle.map(String.init) ?? "", date: date, lastUpdated: "\(date) 10:00",
                         nextUpdate: "\(date) 18:00", title: "Conformance \(label ?? cycle.map(String.init) ?? "")"))
        devlog.setMetric("Test Coverage", coverage, group: "Quality Metrics")
        devlog.addTask("Write both stores", status: Status(.completed))
        devlog.addTask("Run one suite", status: Status(.inProgress))
        return devlog
    }

    @Test("PostgreSQL cases run only beside a test cluster", TestPostgres.required)
    func postgresRuns() throws {
        #expect(StoreKind.tested.contains(.postgres))
        #expect(try !TestPostgres.password().isEmpty)
    }

    @Test("records: a save inserts, an equal save changes nothing, a changed one updates; read back block for block",
          arguments: StoreKind.tested)
    func records(kind: StoreKind) throws {
        let target = try StoreUnderTest(kind)
        let store = try target.open()
        let first = try store.save(Self.devlog(), source: "a.md")
        #expect(first.change == .inserted)
        #expect(try store.save(Self.devlog(), source: "a.md") == SaveOutcome(id: first.id, change: .unchanged))
        #expect(try store.save(Self.devlog(coverage: "90%"), source: "a.md") == SaveOutcome(id: first.id, change: .updated))
        let stored = try #require(try store.devlog(id: first.id))
        #expect(stored.devlog == Self.devlog(coverage: "90%"))
        #expect(stored.revision == 2 && stored.identity == "Agent-7|conformance|1" && stored.source == "a.md")
        #expect(try store.devlog(id: first.id + 100) == nil)
        let again = try #require(try target.open(.init(cacheCapacity: 0)).devlog(id: first.id), "another connection reads the same")
        #expect(again.devlog == stored.devlog && again.revision == stored.revision && again.contentHash == stored.contentHash)

        let edited = try store.update(id: first.id) { $0.addTask("Edit in place", status: Status(.pending)) }
        #expect(edited.revision == 3)
        #expect(try store.devlog(id: first.id)?.devlog.tasks.last?.title == "Edit in place")
        #expect(throws: StoreError.self) { try store.update(id: first.id + 100) { _ in } }
        let second = try store.save(Self.devlog(cycle: 2), source: "b.md").id
        let conflict = #expect(throws: StoreError.self) {
            try store.update(id: second) { $0 = Self.devlog(coverage: "1%") }
        }
        #expect(conflict?.description.contains("already is that agent, mission and cycle") == true)
        // A devlog without agent, mission or cycle is named by its content.
        let anonymous = try store.save(Devlog(blocks: [Block(kind: .title, value: "Loose notes")]), source: "c.md")
        #expect(try store.devlog(id: anonymous.id)?.identity.hasPrefix("sha256:") == true)
    }

    @Test("a batch: each devlog's outcome in order, a refused one changes nothing and the others land", arguments: StoreKind.tested)
    func batch(kind: StoreKind) throws {
        let target = try StoreUnderTest(kind)
        let store = try target.open()
        let devlogs = [Self.devlog(cycle: 1), Self.devlog(agent: "Agent\u{0}7"), Self.devlog(cycle: 2), Self.devlog(cycle: 1)]
        let results = try store.save(devlogs.enumerated().map { (PreparedDevlog($1), "\($0).md") })
        #expect(results.count == 4)
        #expect(try results[0].get().change == .inserted && results[2].get().change == .inserted)
        #expect(throws: StoreError.self) { try results[1].get() }
        #expect(try results[3].get() == SaveOutcome(id: results[0].get().id, change: .unchanged))
        #expect(try store.cycles().compactMap(\.number).sorted() == [1, 2])
    }

    @Test("trends: metric values and task tallies in cycle order, by agent and mission", arguments: StoreKind.tested)
    func trends(kind: StoreKind) throws {
        let target = try StoreUnderTest(kind)
        let store = try target.open()
        // Saved out of date order: values come back oldest cycle first.
        let late = try store.save(Self.devlog(cycle: 2, date: "2025-09-13", coverage: "90%"), source: "2.md").id
        let early = try store.save(Self.devlog(cycle: 1, date: "2025-09-11", coverage: "70%"), source: "1.md").id
        var other = Self.devlog(agent: "Agent-8", mission: "other_mission", coverage: "10%")
        other.addTask("Ship it", status: Status(.completed))
        let third = try store.save(other, source: "o.md").id

        let values = try store.metricValues(agent: "Agent-7", mission: nil)
        #expect(values.map(\.cycleID) == [early, late])
        #expect(values.map(\.value) == ["70%", "90%"] && values.first?.group == "Quality Metrics")
        #expect(try store.metricValues(agent: nil, mission: "other_mission").map(\.cycleID) == [third])
        #expect(try store.metricValues(agent: "Agent-7", mission: "other_mission").isEmpty)

        let tallies = try store.taskTallies(agent: nil, mission: nil)
        // The mission's own status is no task.
        #expect(tallies[early] == TaskTally(completed: 1, total: 2))
        #expect(tallies[third] == TaskTally(completed: 2, total: 3))
        #expect(try store.taskTallies(agent: "Agent-8", mission: nil).keys.sorted() == [third])
    }

    @Test("hostile text: NUL and other control characters, emoji and right-to-left text in values are kept block for block",
          arguments: StoreKind.tested)
    func hostileText(kind: StoreKind) throws {
        let target = try StoreUnderTest(kind)
        let store = try target.open()
        var devlog = Self.devlog()
        devlog.addTask("nul\u{0}in the middle \u{1B}[31m red 🦀 שלום", status: Status(.pending))
        devlog.setMetric("Weird\u{0}Metric", "4\u{0}2%", group: "Quality\u{0}Metrics")
        let id = try store.save(devlog, source: "hostile.md").id
        #expect(try target.open(.init(cacheCapacity: 0)).devlog(id: id)?.devlog == devlog)
        #expect(try store.tasks(mission: "conformance").count == 4)
        #expect(try store.save(devlog, source: "hostile.md").change == .unchanged)
    }

    @Test("queries: order by date, then number (none first), then id; tasks and metric history",
          arguments: StoreKind.tested)
    func queries(kind: StoreKind) throws {
        let target = try StoreUnderTest(kind)
        let store = try target.open()
        let late = try store.save(Self.devlog(cycle: 3, date: "2025-09-14", coverage: "95%"), source: "x").id
        let numbered = try store.save(Self.devlog(cycle: 2, date: "2025-09-13", coverage: "90%"), source: "x").id
        let named = try store.save(Self.devlog(cycle: nil, label: "Team Activation", date: "2025-09-13", coverage: "88%"), source: "x").id
        let other = try store.save(Self.devlog(agent: "Agent-9", mission: "elsewhere", cycle: 1, date: "2025-09-01"), source: "x").id
        #expect(try store.cycles().map(\.id) == [other, named, numbered, late])
        #expect(try store.cycles(agent: "Agent-7", mission: nil).map(\.id) == [named, numbered, late])
        #expect(try store.cycles(agent: nil, mission: "elsewhere").map(\.id) == [other])
        #expect(try store.latest()?.id == late)
        #expect(try store.latest(agent: "Agent-9")?.id == other)
        #expect(try store.latest(agent: "nobody") == nil)
        #expect(try store.metricHistory(label: "Test Coverage", agent: "Agent-7").map(\.value) == ["88%", "90%", "95%"])
        #expect(try store.metricHistory(label: "Test Coverage").first?.number == 85)
        let tasks = try store.tasks(mission: "conformance")
        #expect(tasks.count == 9 && tasks.first?.task.role == .primary)
        #expect(try store.tasks(mission: "conformance", state: .completed).map(\.task.title) == Array(repeating: "Write both stores", count: 3))
        try store.recordFacts(["commit.hash": "abc", "git.branch": "main"], cycleID: late)
        try store.recordFacts(["commit.hash": "def"], cycleID: late)
        #expect(try store.facts(cycleID: late) == ["commit.hash": "def", "git.branch": "main"])
        #expect(try store.allFacts() == [late: ["commit.hash": "def", "git.branch": "main"]])
    }

    @Test("never stale: another connection's save and edit are seen at once by a store that read before",
          arguments: StoreKind.tested)
    func freshness(kind: StoreKind) throws {
        let target = try StoreUnderTest(kind)
        let reader = try target.open(), writer = try target.open()
        let id = try writer.save(Self.devlog(), source: "x").id
        #expect(try reader.devlog(id: id)?.revision == 1)
        #expect(try reader.devlog(id: id)?.revision == 1, "read twice: served from memory")
        try writer.update(id: id) { $0.setMetric("Test Coverage", "99%", group: "Quality Metrics") }
        #expect(try reader.devlog(id: id)?.revision == 2)
        #expect(try reader.devlog(id: id)?.devlog.metrics.first?.value == "99%")
        let later = try writer.save(Self.devlog(cycle: 2, date: "2025-10-01"), source: "x").id
        #expect(try reader.latest()?.id == later)
    }

    @Test("the outbox: rows by part, pending ones, the first confirmed send kept, removal", arguments: StoreKind.tested)
    func outbox(kind: StoreKind) throws {
        let target = try StoreUnderTest(kind)
        let store = try target.open()
        let then = Date(timeIntervalSince1970: 1_800_000_000)
        func row(_ part: Int, _ state: String, at date: Date) -> OutboxRow {
            OutboxRow(devlogKey: "1", webhookID: "42", partIndex: part, contentHash: "h\(part)", state: state, attempts: 1,
                      lastError: state == "failed" ? "HTTP 500" : nil, messageID: state == "sent" ? "m\(part)" : nil, updatedAt: date)
        }
        try store.saveOutboxRow(row(1, "pending", at: then))
        try store.saveOutboxRow(row(0, "sent", at: then))
        try store.saveOutboxRow(row(2, "failed", at: then + 1))
        #expect(try store.outboxRows(devlogKey: "1", webhookID: "42").map(\.partIndex) == [0, 1, 2])
        #expect(try store.pendingDeliveries().map(\.partIndex) == [1, 2])
        try store.saveOutboxRow(row(0, "sent", at: then + 10))
        let first = try #require(try store.outboxRows(devlogKey: "1", webhookID: "42").first)
        #expect(first.firstSentAt == then && first.updatedAt == then + 10 && first.messageID == "m0")
        #expect(try store.outboxRows(devlogKey: "1", webhookID: "42")[2].lastError == "HTTP 500")
        try store.removeOutboxRow(devlogKey: "1", webhookID: "42", partIndex: 2)
        #expect(try store.outboxRows(devlogKey: "1", webhookID: "42").count == 2)
        #expect(try store.outboxRows(devlogKey: "1", webhookID: "other").isEmpty)
    }

    @Test("publishing: a claim keeps other processes out until it ends or its lease lapses; the queue",
          arguments: StoreKind.tested)
    func claims(kind: StoreKind) throws {
        let target = try StoreUnderTest(kind)
        let one = try target.open(), two = try target.open()
        let publication = PublicationRow(devlogKey: "x1", webhookID: "42", mode: "text", updatedAt: Date())
        #expect(try one.claimPublication(publication, holder: "p1", until: Date() + 0.5) == nil)
        let lapses = try #require(try two.claimPublication(publication, holder: "p2", until: Date() + 5))
        #expect(lapses > Date() && lapses < Date() + 1)
        #expect(try one.renewPublicationClaim(devlogKey: "x1", webhookID: "42", holder: "p1", until: Date() + 0.3))
        Thread.sleep(forTimeInterval: 0.5)
        #expect(try two.claimPublication(publication, holder: "p2", until: Date() + 5) == nil, "the lease lapsed")
        #expect(try !one.renewPublicationClaim(devlogKey: "x1", webhookID: "42", holder: "p1", until: Date() + 5))
        try one.endPublication(devlogKey: "x1", webhookID: "42", holder: "p1", deliveredRevision: nil)
        #expect(try one.claimPublication(publication, holder: "p3", until: Date() + 5) != nil, "only the holder ends its claim")
        try two.endPublication(devlogKey: "x1", webhookID: "42", holder: "p2", deliveredRevision: nil)
        #expect(try one.claimPublication(publication, holder: "p3", until: Date() + 5) == nil)

        // The queue: a cycle leaves it once its current revision is delivered whole.
        let id = try one.save(Self.devlog(), source: "x").id
        let key = String(id)
        let mine = PublicationRow(devlogKey: key, webhookID: "42", mode: "text", updatedAt: Date())
        #expect(try one.unpublishedCycles().map(\.id) == [id])
        #expect(try one.claimPublication(mine, holder: "p1", until: Date() + 5) == nil)
        try one.saveOutboxRow(OutboxRow(devlogKey: key, webhookID: "42", partIndex: 0, contentHash: "h", state: "sent", attempts: 1,
                                        messageID: "m", updatedAt: Date()))
        try one.endPublication(devlogKey: key, webhookID: "42", holder: "p1", deliveredRevision: 1)
        #expect(try two.unpublishedCycles().isEmpty)
        #expect(try two.publishedKeys() == ["x1", key])
        #expect(try two.publications(devlogKey: key).map(\.mode) == ["text"])
        try two.update(id: id) { $0.addTask("Changed after publishing", status: Status(.pending)) }
        #expect(try one.unpublishedCycles(agent: "Agent-7").map(\.id) == [id])
        #expect(try one.unpublishedCycles(agent: "Agent-9").isEmpty)
    }

    @Test("shared rate limits: updates from several connections at once each see the last one's result",
          arguments: StoreKind.tested)
    func rateLimits(kind: StoreKind) async throws {
        let target = try StoreUnderTest(kind)
        let stores = try (0..<4).map { _ in try target.open() }
        await withThrowingTaskGroup(of: Void.self) { group in
            for store in stores {
                group.addTask {
                    for _ in 0..<25 {
                        try store.updateRateLimits(webhookID: "42") { webhook, every in
                            webhook = String((Int(webhook ?? "0") ?? 0) + 1)
                            every = String((Int(every ?? "0") ?? 0) + 2)
                        }
                    }
                }
            }
        }
        let documents = try stores[0].rateLimits(webhookID: "42")
        #expect(documents.webhook == "100" && documents.everyWebhook == "200")
        try stores[1].updateRateLimits(webhookID: "42") { webhook, _ in webhook = nil }
        #expect(try stores[2].rateLimits(webhookID: "42").webhook == nil)
    }

    @Test("racing saves of one new cycle from several connections store it once", arguments: StoreKind.tested)
    func racingSaves(kind: StoreKind) async throws {
        let target = try StoreUnderTest(kind)
        let stores = try (0..<4).map { _ in try target.open() }
        let outcomes = try await withThrowingTaskGroup(of: SaveOutcome.self) { group in
            for store in stores { group.addTask { try store.save(Self.devlog(), source: "race") } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(outcomes.map(\.id)).count == 1)
        #expect(outcomes.filter { $0.change == .inserted }.count == 1)
        #expect(try stores[0].cycles().count == 1)
    }

    @Test("migrations: a reopened store keeps its records; a newer devlog's schema and another program's tables are refused",
          arguments: StoreKind.tested)
    func migrations(kind: StoreKind) throws {
        let target = try StoreUnderTest(kind)
        let id = try target.open().save(Self.devlog(), source: "x").id
        #expect(try target.open().devlog(id: id)?.devlog == Self.devlog())
        let table = kind == .sqlite ? "grdb_migrations" : "devlog_migrations"
        try target.execute("INSERT INTO \(table) (identifier) VALUES ('v99-from-the-future')")
        let newer = #expect(throws: StoreError.self) { try target.open() }
        #expect(newer?.description.contains("written by a newer devlog") == true)
        #expect(newer?.description.contains("v99-from-the-future") == true)

        let foreign = try StoreUnderTest(kind)
        try foreign.execute("CREATE TABLE cycles (id INTEGER PRIMARY KEY, name TEXT)")
        let refused = #expect(throws: StoreError.self) { try foreign.open() }
        #expect(refused?.description.contains("is not a devlog database") == true)
    }

    @Test("moving: contents copied into the other kind of store keep ids and publishing state; copying again changes nothing",
          arguments: StoreKind.tested)
    func moving(kind: StoreKind) throws {
        let sourceKind = kind, targetKind: StoreKind = kind == .sqlite && StoreKind.tested.contains(.postgres) ? .postgres : .sqlite
        let origin = try StoreUnderTest(sourceKind)
        let source = try origin.open()
        let first = try source.save(Self.devlog(), source: "a.md").id
        let second = try source.save(Self.devlog(cycle: 2), source: "b.md").id
        try source.update(id: first) { $0.addTask("Moved", status: Status(.completed)) }
        try source.recordFacts(["commit.hash": "abc"], cycleID: second)
        try source.saveOutboxRow(OutboxRow(devlogKey: String(second), webhookID: "42", partIndex: 0, contentHash: "h", state: "sent",
                                           attempts: 1, messageID: "m", updatedAt: Date(timeIntervalSince1970: 1_800_000_000)))
        #expect(try source.claimPublication(PublicationRow(devlogKey: String(second), webhookID: "42", mode: "text",
                                                           updatedAt: Date(timeIntervalSince1970: 1_800_000_000)),
                                            holder: "p", until: Date() + 5) == nil)
        try source.endPublication(devlogKey: String(second), webhookID: "42", holder: "p", deliveredRevision: 1)
        let contents = try source.contents()

        let target = try StoreUnderTest(targetKind)
        let destination = try target.open()
        try destination.receive(contents)
        try destination.receive(contents)
        let copied = try target.open().contents()
        #expect(copied.cycles.map(\.id) == [first, second])
        #expect(copied.cycles.map(\.devlog) == contents.cycles.map(\.devlog))
        #expect(copied.cycles.map(\.revision) == [2, 1])
        #expect(copied.facts == contents.facts && copied.outbox == contents.outbox && copied.publications == contents.publications)
        #expect(try destination.unpublishedCycles().map(\.id) == [first], "what was delivered stays delivered")
        #expect(try destination.save(Self.devlog(cycle: 3), source: "c.md").id > second, "new ids come after the copied ones")

        var clash = contents
        clash.cycles[0].identity = "someone|else|1"
        clash.cycles[0].devlog = Self.devlog(agent: "someone", mission: "else")
        let refused = #expect(throws: StoreError.self) { try destination.receive(clash) }
        #expect(refused?.description.contains("cannot be copied") == true)
        #expect(try destination.devlog(id: first)?.identity == "Agent-7|conformance|1", "nothing written")
    }
}
