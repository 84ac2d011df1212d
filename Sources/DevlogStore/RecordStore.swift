public import DevlogModel
public import Foundation

/// What devlog needs of a store, whichever database keeps it: ``DevlogStore`` (a SQLite file,
/// the default) and `PostgresStore` (a PostgreSQL server shared by several machines) both give
/// it, and one conformance suite holds them to the same behaviour.
///
/// Every method is one committed transaction, durable on return, and synchronous: a store may
/// block the calling thread on its database, never on the caller's concurrency.
public protocol RecordStore: AnyObject, Sendable {
    /// Where the store is, for people: a file path, or a URL without its password.
    var location: String { get }
    /// Files the store keeps beside the work tree's own (the SQLite file and its journals), which
    /// git must not count as untracked changes; none for a server.
    var localFiles: [String] { get }

    // MARK: Records

    /// Saves a whole devlog: identified by agent, mission and cycle label when it has all three,
    /// else by its content hash; the same identity with the same content writes nothing.
    @discardableResult
    func save(_ prepared: PreparedDevlog, source: String) throws -> SaveOutcome
    /// Saves devlogs as ``save(_:source:)`` does, giving each one's outcome or error in order: a
    /// devlog that cannot be saved changes nothing, and the others land. A store may write them
    /// in one transaction, a savepoint each; it then throws, with none of them stored, when an
    /// error ends that whole transaction.
    func save(_ batch: [(devlog: PreparedDevlog, source: String)]) throws -> [Result<SaveOutcome, any Error>]
    /// Reads, edits and writes a stored devlog in one transaction, so concurrent edits from many
    /// processes all land. `edit` may run more than once: keep it free of side effects.
    @discardableResult
    func update(id: Int64, _ edit: (inout Devlog) throws -> Void) throws -> StoredDevlog
    /// The stored devlog with this id, `nil` when there is none; never stale, whichever process
    /// or machine wrote last.
    func devlog(id: Int64) throws -> StoredDevlog?
    /// The latest cycle (by cycle date, then number, then id) of one agent, or of any agent.
    func latest(agent: String?) throws -> StoredDevlog?
    /// Cycles, oldest first (by cycle date, number, id), optionally of one agent and/or mission.
    func cycles(agent: String?, mission: String?) throws -> [CycleSummary]
    /// Cycles whose current revision no webhook has whole, oldest first; of one agent when named.
    func unpublishedCycles(agent: String?) throws -> [CycleSummary]
    /// A mission's tasks across its cycles, oldest cycle first, optionally only those in one state.
    func tasks(mission: String, state: Status.State?) throws -> [TaskRow]
    /// One metric's values over time, oldest cycle first.
    func metricHistory(label: String, agent: String?) throws -> [MetricPoint]
    /// Every metric of the cycles ``cycles(agent:mission:)`` lists, in cycle order and in
    /// document order within a cycle: what a trend reads, in one query.
    func metricValues(agent: String?, mission: String?) throws -> [MetricValue]
    /// How many of each cycle's numbered tasks are completed, by cycle id; a cycle without tasks
    /// is absent. The mission's own status is not a task.
    func taskTallies(agent: String?, mission: String?) throws -> [Int64: TaskTally]

    // MARK: Facts

    /// The facts recorded for a cycle (`commit.hash`, `git.branch`…), empty when none are.
    func facts(cycleID: Int64) throws -> [String: String]
    /// Records facts for a cycle, replacing those with the same keys.
    func recordFacts(_ facts: [String: String], cycleID: Int64) throws
    /// The facts of every cycle that has some, by cycle id.
    func allFacts() throws -> [Int64: [String: String]]

    // MARK: Publishing

    /// Every outbox row of `devlogKey` on webhook `webhookID`, by part index.
    func outboxRows(devlogKey: String, webhookID: String) throws -> [OutboxRow]
    /// Inserts `row` or replaces the row of the same devlog, webhook and part; the first time the
    /// part is confirmed sent is kept across later writes.
    func saveOutboxRow(_ row: OutboxRow) throws
    /// Removes the row of part `partIndex`, if there is one.
    func removeOutboxRow(devlogKey: String, webhookID: String, partIndex: Int) throws
    /// Every row not confirmed sent (pending or failed), oldest change first.
    func pendingDeliveries() throws -> [OutboxRow]
    /// Claims the publication for `holder` until `until` unless another holder's claim still
    /// runs: returns when that claim lapses, or nil once the claim is `holder`'s. A server store
    /// measures the lease (`until - now`) on its own clock, shared by every machine.
    func claimPublication(_ publication: PublicationRow, holder: String, until: Date, now: Date) throws -> Date?
    /// Extends `holder`'s claim to `until`; false when the claim is no longer its own.
    @discardableResult
    func renewPublicationClaim(devlogKey: String, webhookID: String, holder: String, until: Date) throws -> Bool
    /// Ends `holder`'s claim; with `deliveredRevision`, that revision of the cycle is confirmed
    /// whole on the webhook.
    func endPublication(devlogKey: String, webhookID: String, holder: String, deliveredRevision: Int64?) throws
    /// The devlog keys that have been published at least once.
    func publishedKeys() throws -> Set<String>
    /// The publications of `devlogKey`, most recent first.
    func publications(devlogKey: String) throws -> [PublicationRow]
    /// The rate-limit documents of webhook `webhookID` and of every webhook (`nil` where none).
    func rateLimits(webhookID: String) throws -> (webhook: String?, everyWebhook: String?)
    /// Runs `change` on both rate-limit documents with no other process reading them between,
    /// and keeps what it leaves. `change` may run more than once: keep it free of side effects.
    func updateRateLimits<T>(webhookID: String, _ change: (_ webhook: inout String?, _ everyWebhook: inout String?) throws -> T) throws -> T

    // MARK: Moving

    /// Everything the store holds that another store needs to carry on: every cycle as stored,
    /// facts, publications and outbox rows (not claims or rate limits, which matter for seconds).
    func contents() throws -> StoreContents
    /// Writes `contents` under the same ids, in one transaction: a cycle already there with the
    /// same id and identity is replaced, so copying the same contents again changes nothing.
    /// Throws ``StoreError`` when an id holds another cycle; nothing is written then.
    func receive(_ contents: StoreContents) throws
}

extension RecordStore {
    /// Each devlog of the batch saved in a transaction of its own.
    public func save(_ batch: [(devlog: PreparedDevlog, source: String)]) throws -> [Result<SaveOutcome, any Error>] {
        batch.map { item in Result { try save(item.devlog, source: item.source) } }
    }

    /// ``save(_:source:)`` of a devlog not prepared in advance.
    @discardableResult
    public func save(_ devlog: Devlog, source: String) throws -> SaveOutcome {
        try save(PreparedDevlog(devlog), source: source)
    }

    /// The latest cycle of any agent.
    public func latest() throws -> StoredDevlog? { try latest(agent: nil) }

    /// Every cycle, oldest first.
    public func cycles() throws -> [CycleSummary] { try cycles(agent: nil, mission: nil) }

    /// One agent's cycles, oldest first.
    public func cycles(agent: String) throws -> [CycleSummary] { try cycles(agent: agent, mission: nil) }

    /// One mission's cycles, oldest first.
    public func cycles(mission: String) throws -> [CycleSummary] { try cycles(agent: nil, mission: mission) }

    /// Every cycle not delivered whole, oldest first.
    public func unpublishedCycles() throws -> [CycleSummary] { try unpublishedCycles(agent: nil) }

    /// ``claimPublication(_:holder:until:now:)`` now.
    public func claimPublication(_ publication: PublicationRow, holder: String, until: Date) throws -> Date? {
        try claimPublication(publication, holder: holder, until: until, now: Date())
    }

    /// A mission's tasks in every state.
    public func tasks(mission: String) throws -> [TaskRow] { try tasks(mission: mission, state: nil) }

    /// One metric's values over time, of every agent.
    public func metricHistory(label: String) throws -> [MetricPoint] { try metricHistory(label: label, agent: nil) }
}
