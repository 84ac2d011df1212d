import Foundation
import Logging

/// Delivers a devlog's parts to a webhook, remembering in an ``OutboxStorage`` what Discord
/// confirmed, so publishing again sends only what changed or is missing.
///
/// - Unchanged content, already confirmed: nothing is sent.
/// - Changed content: posted messages are edited in place (PATCH), extra parts are posted,
///   surplus messages are deleted. An edit answered with 10008 (the message was deleted in
///   Discord) posts the part anew.
/// - Interrupted edits (recorded pending or failed with a message id): the message is read
///   first (GET) and edited only if it differs, or posted anew if it is gone.
/// - Every part is recorded `pending` before it is sent, so a run killed at any instant and run
///   again resumes: it never re-sends what Discord confirmed and the outbox recorded.
///
/// **When a duplicate is possible.** Discord webhooks take no nonce and cannot list their
/// messages, so a POST whose answer never arrived (timeout or dropped connection after the
/// request went out, or the process killed between Discord's answer and the outbox write)
/// cannot be checked: the part has no message id to look up. Such a part is posted again,
/// because losing a part is worse than showing it twice, and it is listed in
/// ``PublishReport/possiblyDuplicated`` with a warning logged. This is the only case.
public struct Publisher: Sendable {
    private let client: DiscordClient
    private let outbox: any OutboxStorage
    private let logger: Logger
    private let now: @Sendable () -> Date

    /// Creates a publisher.
    ///
    /// - Parameters:
    ///   - client: Sends the requests.
    ///   - outbox: Remembers what was delivered.
    ///   - now: The wall-clock time written to records; tests may fix it.
    ///   - logger: Receives one event per step, with the webhook id (never its token).
    public init(client: DiscordClient, outbox: any OutboxStorage, now: @escaping @Sendable () -> Date = { Date() }, logger: Logger) {
        self.client = client
        self.outbox = outbox
        self.now = now
        self.logger = logger
    }

    /// Delivers `parts` (in order) as devlog `devlogKey` to `webhook`.
    ///
    /// - Throws: ``PublishError`` when a part fails (recorded `failed`, later parts untouched);
    ///   any error of the outbox as it is.
    @discardableResult
    public func publish(_ parts: [DeliveryPart], devlogKey: String, to webhook: WebhookURL) async throws -> PublishReport {
        let records = try await outbox.records(devlogKey: devlogKey, webhookID: webhook.id)
        let plan = DeliveryPlan(hashes: parts.map(\.contentHash), records: records)
        let previous = Dictionary(records.map { ($0.partIndex, $0) }, uniquingKeysWith: { first, _ in first })
        var report = PublishReport()
        report.messageIDs = Array(repeating: "", count: parts.count)
        let context = StepContext(devlogKey: devlogKey, webhook: webhook, previous: previous)
        for step in plan.steps {
            logger.debug("publish.step", metadata: ["publish.devlog": "\(devlogKey)", "publish.webhook": "\(webhook.id)", "publish.step": "\(step)"])
            try await carryOut(step, parts: parts, context: context, report: &report)
        }
        logger.info("publish.done", metadata: [
            "publish.devlog": "\(devlogKey)", "publish.webhook": "\(webhook.id)",
            "publish.posted": "\(report.posted.count)", "publish.edited": "\(report.edited.count)",
            "publish.unchanged": "\(report.unchanged.count)", "publish.deleted": "\(report.deleted.count)",
        ])
        return report
    }

    private struct StepContext {
        let devlogKey: String
        let webhook: WebhookURL
        let previous: [Int: OutboxRecord]

        /// A record of `part`; the channel is the one Discord named, else the one known before.
        func record(_ part: Int, hash: String, state: OutboxRecord.State, messageID: String?, channelID: String? = nil,
                    attempts: Int, error: String? = nil, at date: Date) -> OutboxRecord {
            OutboxRecord(devlogKey: devlogKey, webhookID: webhook.id, partIndex: part, contentHash: hash, state: state,
                         attempts: attempts, lastError: error, messageID: messageID,
                         channelID: channelID ?? previous[part]?.channelID, updatedAt: date)
        }
    }

    private func carryOut(_ step: DeliveryPlan.Step, parts: [DeliveryPart], context: StepContext, report: inout PublishReport) async throws {
        switch step {
        case .keep(let part, let messageID):
            report.unchanged.append(part)
            report.messageIDs[part] = messageID
        case .post(let part, let mayDuplicate):
            if mayDuplicate {
                logger.warning("publish.possible_duplicate", metadata: ["publish.devlog": "\(context.devlogKey)", "publish.part": "\(part)"])
                report.possiblyDuplicated.append(part)
            }
            report.messageIDs[part] = try await post(part, parts[part], context: context, report: &report)
            report.posted.append(part)
        case .edit(let part, let messageID), .verifyThenEdit(let part, let messageID):
            let verify = if case .verifyThenEdit = step { true } else { false }
            report.messageIDs[part] = try await edit(part, parts[part], messageID: messageID, verify: verify, context: context, report: &report)
        case .delete(let part, let messageID):
            try await delete(part, messageID: messageID, context: context, report: report)
            report.deleted.append(part)
        case .forget(let part):
            try await outbox.remove(devlogKey: context.devlogKey, webhookID: context.webhook.id, partIndex: part)
        }
    }

    private func post(_ part: Int, _ delivery: DeliveryPart, context: StepContext, report: inout PublishReport) async throws -> String {
        let attempts = (context.previous[part]?.attempts ?? 0) + 1
        try await outbox.save(context.record(part, hash: delivery.contentHash, state: .pending, messageID: nil, attempts: attempts, at: now()))
        do {
            let message = try await client.execute(delivery.message, on: context.webhook)
            try await outbox.save(context.record(part, hash: delivery.contentHash, state: .sent, messageID: message.id,
                                                 channelID: message.channelID, attempts: attempts, at: now()))
            return message.id
        } catch let error as DiscordError {
            try await fail(part, delivery, messageID: nil, attempts: attempts, error: error, context: context, report: report)
        }
    }

    private func edit(_ part: Int, _ delivery: DeliveryPart, messageID: String, verify: Bool, context: StepContext, report: inout PublishReport) async throws -> String {
        let attempts = (context.previous[part]?.attempts ?? 0) + 1
        try await outbox.save(context.record(part, hash: delivery.contentHash, state: .pending, messageID: messageID, attempts: attempts, at: now()))
        do {
            if verify {
                guard let current = try await client.message(id: messageID, on: context.webhook) else {
                    return try await repost(part, delivery, context: context, report: &report)
                }
                if Self.matches(current, delivery.message) {
                    try await outbox.save(context.record(part, hash: delivery.contentHash, state: .sent, messageID: messageID, attempts: attempts, at: now()))
                    report.unchanged.append(part)
                    return messageID
                }
            }
            let edited = try await client.edit(messageID: messageID, to: delivery.message, on: context.webhook)
            try await outbox.save(context.record(part, hash: delivery.contentHash, state: .sent, messageID: messageID,
                                                 channelID: edited.channelID, attempts: attempts, at: now()))
            report.edited.append(part)
            return messageID
        } catch let error as DiscordError where error.isUnknownMessage {
            return try await repost(part, delivery, context: context, report: &report)
        } catch let error as DiscordError {
            try await fail(part, delivery, messageID: messageID, attempts: attempts, error: error, context: context, report: report)
        }
    }

    /// The message was deleted in Discord: forget its id and post the part anew.
    private func repost(_ part: Int, _ delivery: DeliveryPart, context: StepContext, report: inout PublishReport) async throws -> String {
        logger.notice("publish.message_deleted_in_discord", metadata: ["publish.devlog": "\(context.devlogKey)", "publish.part": "\(part)"])
        let id = try await post(part, delivery, context: context, report: &report)
        report.reposted.append(part)
        return id
    }

    private func delete(_ part: Int, messageID: String, context: StepContext, report: PublishReport) async throws {
        do {
            try await client.delete(messageID: messageID, on: context.webhook)
            try await outbox.remove(devlogKey: context.devlogKey, webhookID: context.webhook.id, partIndex: part)
        } catch let error as DiscordError {
            let previous = context.previous[part]
            try await outbox.save(context.record(part, hash: previous?.contentHash ?? "", state: .failed, messageID: messageID,
                                                 attempts: (previous?.attempts ?? 0) + 1, error: error.description, at: now()))
            throw PublishError(partIndex: part, underlying: error, report: report)
        }
    }

    private func fail(_ part: Int, _ delivery: DeliveryPart, messageID: String?, attempts: Int, error: DiscordError, context: StepContext, report: PublishReport) async throws -> Never {
        try await outbox.save(context.record(part, hash: delivery.contentHash, state: .failed, messageID: messageID, attempts: attempts, error: error.description, at: now()))
        throw PublishError(partIndex: part, underlying: error, report: report)
    }

    /// Whether Discord's copy already shows `message` (content only: the message object's
    /// embeds and attachments are not compared, so parts carrying them are always edited).
    private static func matches(_ current: DiscordMessage, _ message: WebhookMessage) -> Bool {
        message.embeds.isEmpty && message.files.isEmpty && (current.content ?? "") == (message.content ?? "")
    }
}
