import NIOConcurrencyHelpers

/// Everything a running sandbox knows: stored messages, counters, the fault queue and rate-limit
/// bookkeeping. Tests hold it (from ``DiscordSandbox/state``) to script faults and check results.
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

    /// Counts of requests and answers so far.
    public var counters: SandboxCounters {
        storage.withLockedValue { $0.counters }
    }

    /// Runs `body` with exclusive access to the state (the responder's only way in).
    func withStorage<T>(_ body: (inout Storage) throws -> T) rethrows -> T {
        try storage.withLockedValue(body)
    }
}
