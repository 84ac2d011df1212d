public import DevlogPublish
import DevlogStore
public import Foundation
import Logging

extension DevlogProject {
    /// The webhook a devlog of `agent` goes to: `explicit`, else `$DEVLOG_DISCORD_WEBHOOK`, else
    /// the config file's webhook for the agent, else its default webhook.
    ///
    /// - Throws: ``PublishingError`` when none is set or the environment's is not a webhook URL.
    public func webhook(forAgent agent: String?, explicit: WebhookURL? = nil,
                        environment: [String: String] = ProcessInfo.processInfo.environment) throws -> WebhookURL {
        if let explicit { return explicit }
        if let text = environment["DEVLOG_DISCORD_WEBHOOK"], !text.isEmpty {
            do {
                return try WebhookURL(parsing: text)
            } catch {
                throw PublishingError.badEnvironmentWebhook("\(error)")
            }
        }
        if let agent, let url = settings.discord.agentWebhooks[agent] { return url }
        if let url = settings.discord.webhook { return url }
        throw PublishingError.noWebhook(agent: agent)
    }

    /// The Discord messages of a stored cycle in `mode`: the rendered markdown split (text), one
    /// summary embed (embed), or a summary with the markdown attached (file).
    public func parts(forCycle cycleID: Int64, mode: PublishMode) throws -> [DeliveryPart] {
        let stored = try cycle(.id(cycleID))
        let username = settings.discord.username
        switch mode {
        case .text:
            return DeliveryPart.text(try generate(.id(cycleID), discordFacts: false).markdown, username: username)
        case .embed:
            // A summary of the records: nothing to render.
            return DeliveryPart.embed(DevlogSummary(stored.devlog, previous: try previousCycle(of: stored)?.devlog), username: username)
        case .file:
            let generated = try generate(.id(cycleID), discordFacts: false)
            return DeliveryPart.file(generated.markdown, named: generated.fileName, summary: DevlogSummary(stored.devlog).line, username: username)
        }
    }

    /// Publishes one cycle to Discord, sending only what the outbox does not show delivered:
    /// a changed devlog edits its messages in place, extra parts are posted, surplus ones deleted.
    ///
    /// - Parameters:
    ///   - mode: The layout; default the config file's `discord.mode` (text when unset).
    ///   - webhook: Where to post; default as ``webhook(forAgent:explicit:environment:)`` says.
    ///   - dryRun: Send nothing; the outcome lists the exact requests that would go out.
    /// - Throws: ``PublishError`` when Discord refuses or cannot be reached (the parts before it
    ///   are delivered and recorded; publishing again resumes), ``PublishingError``, ``ProjectError``.
    public func publish(_ selection: CycleSelection, mode: PublishMode? = nil, webhook: WebhookURL? = nil, dryRun: Bool = false,
                        connection: PublishConnection = .init(),
                        environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> PublishOutcome {
        let stored = try cycle(selection)
        let target = try self.webhook(forAgent: stored.devlog.agent?.id, explicit: webhook, environment: environment)
        let session = try PublishSession(project: self, dryRun: dryRun, connection: connection)
        return try await session.publish(stored.id, mode: mode ?? settings.discord.mode, to: target, ifClaimed: .wait)
    }

    /// Publishes several cycles (every stored cycle when `cycleIDs` is nil, oldest first) through
    /// one connection, so Discord's rate limits are shared and met, not hit. A cycle that fails
    /// is reported and the rest still go; `progress` is told after each cycle (done, total).
    ///
    /// A cycle another process is publishing is taken up last, once that process is done with it
    /// (or its claim lapsed): by then the outbox usually shows it delivered, and nothing is sent.
    public func publishBacklog(_ cycleIDs: [Int64]? = nil, mode: PublishMode? = nil, webhook: WebhookURL? = nil, dryRun: Bool = false,
                               connection: PublishConnection = .init(),
                               environment: [String: String] = ProcessInfo.processInfo.environment,
                               progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> BacklogOutcome {
        let ids = try cycleIDs ?? store.cycles().map(\.id)
        let session = try PublishSession(project: self, dryRun: dryRun, connection: connection)
        var outcome = BacklogOutcome()
        var pending = ids
        var done = 0
        for ifClaimed in [PublishSession.IfClaimed.skip, .wait] {
            var claimedElsewhere: [Int64] = []
            for id in pending {
                do {
                    let stored = try cycle(.id(id))
                    let target = try self.webhook(forAgent: stored.devlog.agent?.id, explicit: webhook, environment: environment)
                    outcome.published.append(try await session.publish(stored.id, mode: mode ?? settings.discord.mode, to: target,
                                                                        ifClaimed: ifClaimed))
                } catch is PublishSession.ClaimedElsewhere {
                    claimedElsewhere.append(id)
                    continue
                } catch {
                    outcome.failures.append(.init(cycleID: id, message: "\(error)"))
                }
                done += 1
                progress(done, ids.count)
            }
            pending = claimedElsewhere
        }
        return outcome
    }

    /// Publishes every cycle whose current records are not yet delivered whole (never published,
    /// a publish not finished, or changed since), oldest first, through one connection: what
    /// `devlog publish` does without a selector. A published cycle whose records have not changed
    /// is never sent again, whatever its date; `agent` keeps the queue to one agent's cycles.
    public func publishQueue(agent: String? = nil, mode: PublishMode? = nil, webhook: WebhookURL? = nil, dryRun: Bool = false,
                             connection: PublishConnection = .init(),
                             environment: [String: String] = ProcessInfo.processInfo.environment,
                             progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> BacklogOutcome {
        try await publishBacklog(try store.unpublishedCycles(agent: agent).map(\.id), mode: mode, webhook: webhook, dryRun: dryRun,
                                 connection: connection, environment: environment, progress: progress)
    }

    /// Resumes every delivery the outbox shows pending or failed: each such cycle is rendered
    /// again in the mode it was published in and published again, which sends only what is
    /// missing. The webhook is found among `webhook`, `$DEVLOG_DISCORD_WEBHOOK` and the config
    /// file's by its id (the database never holds the token).
    public func retryFailed(webhook: WebhookURL? = nil, dryRun: Bool = false, connection: PublishConnection = .init(),
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> BacklogOutcome {
        var seen = Set<String>()
        let targets = try store.pendingDeliveries().map { ($0.devlogKey, $0.webhookID) }.filter { seen.insert("\($0.0)/\($0.1)").inserted }
        var candidates = settings.discord.allWebhooks
        if let text = environment["DEVLOG_DISCORD_WEBHOOK"], let url = try? WebhookURL(parsing: text) { candidates.insert(url, at: 0) }
        if let webhook { candidates.insert(webhook, at: 0) }
        let session = try PublishSession(project: self, dryRun: dryRun, connection: connection)
        var outcome = BacklogOutcome()
        for (index, (key, webhookID)) in targets.enumerated() {
            let cycleID = Int64(key) ?? -1
            do {
                guard let url = candidates.first(where: { $0.id == webhookID }) else {
                    throw PublishingError.unknownWebhook(id: webhookID, cycleID: cycleID)
                }
                let stored = try cycle(.id(cycleID))
                let mode = try store.publications(devlogKey: key).first { $0.webhookID == webhookID }
                    .flatMap { PublishMode(rawValue: $0.mode) } ?? settings.discord.mode
                outcome.published.append(try await session.publish(stored.id, mode: mode, to: url, ifClaimed: .wait))
            } catch {
                outcome.failures.append(.init(cycleID: cycleID, message: "\(error)"))
            }
            progress(index + 1, targets.count)
        }
        return outcome
    }

    /// Every part not confirmed delivered, oldest change first.
    public func pendingDeliveries() throws -> [PendingDelivery] {
        try store.pendingDeliveries().map {
            PendingDelivery(cycleID: Int64($0.devlogKey) ?? -1, part: $0.partIndex, state: $0.state, attempts: $0.attempts,
                            lastError: $0.lastError, webhook: "…/webhooks/\($0.webhookID)/***", updatedAt: $0.updatedAt)
        }
    }

    /// Where cycle `cycleID` stands on Discord: the webhook it was last published to with every
    /// part confirmed, its channel, message ids and first-post time; nil when it has not been
    /// fully published.
    public func publication(for cycleID: Int64) throws -> Publication? {
        let key = String(cycleID)
        for publication in try store.publications(devlogKey: key) {
            let rows = try store.outboxRows(devlogKey: key, webhookID: publication.webhookID)
            guard !rows.isEmpty, rows.allSatisfy({ $0.state == OutboxRecord.State.sent.rawValue && $0.messageID != nil }),
                  let first = rows.compactMap(\.firstSentAt).min()
            else { continue }
            return Publication(cycleID: cycleID, webhookID: publication.webhookID, channelID: rows.compactMap(\.channelID).first,
                               messageIDs: rows.compactMap(\.messageID), firstPostedAt: first, mode: publication.mode)
        }
        return nil
    }
}

/// One client and outbox for a run of publishes. The client keeps Discord's limits in the store,
/// with every other process publishing from it, and each cycle is claimed while it is published.
private struct PublishSession {
    /// What to do about a cycle another process is publishing.
    enum IfClaimed {
        /// Wait until that process is done with it (or its claim lapses), then publish it.
        case wait
        /// Leave it for now: ``publish(_:mode:to:ifClaimed:)`` throws ``ClaimedElsewhere``.
        case skip
    }

    /// Another process is publishing the cycle, and the caller chose to leave it for now.
    struct ClaimedElsewhere: Error {}

    /// How long a claim on a cycle lasts unless renewed: the longest a killed process keeps
    /// another from publishing that cycle.
    static let claimLease = Duration.seconds(5)
    /// How often a claim is renewed while its cycle is published.
    static let claimRenewal = Duration.seconds(1)
    /// How often a process waiting for another's claim looks again.
    static let claimPoll = Duration.milliseconds(100)

    let project: DevlogProject
    let dryRun: Bool
    let client: DiscordClient
    let dryRunTransport: DryRunTransport?
    let logger: Logger
    /// Names this session's claims: its process and a random part.
    let holder = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"

    init(project: DevlogProject, dryRun: Bool, connection: PublishConnection) throws {
        self.project = project
        self.dryRun = dryRun
        logger = project.logger
        if dryRun {
            let transport = DryRunTransport()
            dryRunTransport = transport
            // Nothing goes out, so there is no rate to keep.
            var configuration = connection.client
            configuration.rateLimit.channelLimit = 0
            client = DiscordClient(transport: transport, configuration: configuration, logger: logger)
        } else {
            dryRunTransport = nil
            client = DiscordClient(transport: try CurlTransport(configuration: connection.transport, logger: logger),
                                   configuration: connection.client, rateLimits: StoreRateLimits(store: project.store), logger: logger)
        }
    }

    /// Publishes cycle `cycleID`, first waiting for or skipping (``ClaimedElsewhere``) another
    /// process publishing it, as `ifClaimed` says.
    func publish(_ cycleID: Int64, mode: PublishMode, to webhook: WebhookURL, ifClaimed: IfClaimed) async throws -> PublishOutcome {
        // Read before rendering: a change made meanwhile leaves the cycle marked undelivered.
        let revision = try project.cycle(.id(cycleID)).revision
        let parts = try project.parts(forCycle: cycleID, mode: mode)
        let key = String(cycleID)
        if let dryRunTransport {
            // A copy of the outbox, so the plan is the real one and the real outbox stays untouched.
            let copy = InMemoryOutboxStorage()
            for row in try project.store.outboxRows(devlogKey: key, webhookID: webhook.id) { try await copy.save(StoreOutbox.record(row)) }
            let before = dryRunTransport.requests.count
            let report = try await Publisher(client: client, outbox: copy, logger: logger).publish(parts, devlogKey: key, to: webhook)
            return PublishOutcome(cycleID: cycleID, webhook: webhook.redacted, mode: mode, dryRun: true, report: report,
                                  requests: Array(dryRunTransport.requests.dropFirst(before)))
        }
        let store = project.store, holder = holder
        let publication = PublicationRow(devlogKey: key, webhookID: webhook.id, mode: mode.rawValue, updatedAt: Date())
        while let lapses = try store.claimPublication(publication, holder: holder, until: Date() + Self.claimLease.seconds) {
            guard ifClaimed == .wait else { throw ClaimedElsewhere() }
            logger.debug("publish.claimed_elsewhere", metadata: ["publish.devlog": "\(key)", "publish.claim_lapses": "\(lapses)"])
            try await Task.sleep(for: Self.claimPoll)
        }
        let renewal = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: Self.claimRenewal)
                _ = try? store.renewPublicationClaim(devlogKey: key, webhookID: webhook.id, holder: holder, until: Date() + Self.claimLease.seconds)
            }
        }
        defer { renewal.cancel() }
        let report: PublishReport
        do {
            report = try await Publisher(client: client, outbox: StoreOutbox(store: store), logger: logger).publish(parts, devlogKey: key, to: webhook)
        } catch {
            try? store.endPublication(devlogKey: key, webhookID: webhook.id, holder: holder, deliveredRevision: nil)
            throw error
        }
        try store.endPublication(devlogKey: key, webhookID: webhook.id, holder: holder, deliveredRevision: revision)
        return PublishOutcome(cycleID: cycleID, webhook: webhook.redacted, mode: mode, dryRun: false, report: report, requests: [])
    }
}

private extension Duration {
    /// The duration in seconds, as dates count them.
    var seconds: TimeInterval { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
