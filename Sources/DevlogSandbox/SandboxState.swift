import NIOConcurrencyHelpers

/// Everything a running sandbox knows: stored messages, counters, recorded requests, the fault queue and
/// rate-limit bookkeeping. Tests hold it (from ``DiscordSandbox/state``) to script faults and check results.
/// All access goes through one lock, so it is safe from any task.
public final class SandboxState: Sendable {
    private let storage: NIOLockedValueBox<Storage>

    init(configuration: DiscordSandbox.Configuration) {
        self.storage = NIOLockedValueBox(Storage(configuration: configuration))
    }

    /// Queues faults; each API request takes the next one (first in, first out).
    public func enqueue(_ faults: [SandboxFault]) {
        storage.withLockedValue { $0.faults.append(contentsOf: faults) }
    }

    /// Queues one fault.
    public func enqueue(_ fault: SandboxFault) {
        enqueue([fault])
    }

    /// Faults not yet used.
    public var pendingFaults: [SandboxFault] {
        storage.withLockedValue { $0.faults }
    }

    /// Every message posted so far, in order, deleted ones included.
    public var messages: [SandboxMessage] {
        storage.withLockedValue { $0.messages }
    }

    /// The message with this id, deleted or not.
    public func message(id: String) -> SandboxMessage? {
        storage.withLockedValue { storage in storage.messages.first { $0.id == id } }
    }

    /// Deletes a message as a person would in Discord's app: the webhook's next get, edit or delete of it
    /// answers 404 / 10008. Returns false when there is no such live message.
    @discardableResult
    public func deleteMessage(id: String) -> Bool {
        storage.withLockedValue { storage in
            guard let index = storage.messages.firstIndex(where: { $0.id == id && !$0.isDeleted }) else { return false }
            storage.messages[index].isDeleted = true
            return true
        }
    }

    /// Counts of requests and answers so far.
    public var counters: SandboxCounters {
        storage.withLockedValue { $0.counters }
    }

    /// Every API request so far, oldest first, when ``DiscordSandbox/Configuration/recordsRequests`` is on;
    /// else empty.
    public var requests: [SandboxRequest] {
        storage.withLockedValue { $0.requests }
    }

    /// Runs `body` with exclusive access to the state (the responder's only way in).
    func withStorage<T>(_ body: (inout Storage) throws -> T) rethrows -> T {
        try storage.withLockedValue(body)
    }
}

/// What the sandbox has seen and answered on its API routes (introspection routes are not counted).
public struct SandboxCounters: Sendable, Equatable {
    /// API requests received.
    public var requests = 0
    /// 429 answers sent, bans included.
    public var rateLimited = 0
    /// Ban answers sent (a subset of ``rateLimited``).
    public var banned = 0
    /// Connections closed without an answer by a drop fault.
    public var droppedConnections = 0
    /// Requests per route, keyed like `POST /webhooks/{id}/{token}` or
    /// `PATCH /webhooks/{id}/{token}/messages/{message_id}`; anything else under `/api` is `other`.
    public var byRoute: [String: Int] = [:]
    /// Answers per HTTP status (dropped connections have none).
    public var byStatus: [Int: Int] = [:]

    /// All zero.
    public init() {}
}
