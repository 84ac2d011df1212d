import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A local stand-in for Discord's webhook API on 127.0.0.1: it stores what webhooks post, answers with
/// Discord's status codes, error bodies and rate-limit headers, and can act out faults for tests.
///
/// ```swift
/// try await DiscordSandbox.withRunning { base, state in
///     // POST to "\(base)/api/v10/webhooks/1200000000000000001/sandbox-token?wait=true"
///     state.messages   // what arrived
/// }
/// ```
///
/// A test scripts faults in the order requests will meet them, and can keep every request:
///
/// ```swift
/// var configuration = DiscordSandbox.Configuration()
/// configuration.recordsRequests = true
/// try await DiscordSandbox.withRunning(configuration) { base, state in
///     state.enqueue([.pass, .dropConnectionAfterStoring])  // the second message is stored, its answer lost
///     // … publish …
///     state.requests  // what went over the wire
/// }
/// ```
public struct DiscordSandbox: Sendable {
    /// How it was configured.
    public let configuration: Configuration
    /// Messages, counters, recorded requests and the fault queue; shared with the running server.
    public let state: SandboxState
    private let logger: Logger

    /// A sandbox that logs to `logger` (`debug` per request, `info` per stored message; the webhook token
    /// never appears, paths are logged as `/api/webhooks/ID/***`). Without a logger it logs nothing.
    public init(configuration: Configuration = .init(), logger: Logger? = nil) {
        self.configuration = configuration
        self.state = SandboxState(configuration: configuration)
        self.logger = logger ?? Logger(label: "devlog.sandbox", factory: { _ in SwiftLogNoOpLogHandler() })
    }

    /// Serves until the surrounding task is cancelled, then shuts down gracefully (answers in progress are
    /// finished). `onReady` gets the bound port once the server
    /// listens (useful with port 0). Throws when the host is not a loopback address or binding fails.
    public func run(onReady: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        guard ["127.0.0.1", "::1", "localhost"].contains(configuration.host) else {
            throw DiscordSandboxError.notLoopback(host: configuration.host)
        }
        let application = Application(
            responder: SandboxResponder(state: state, configuration: configuration, logger: logger),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                await onReady(channel.localAddress?.port ?? 0)
            },
            logger: logger
        )
        // Cancelling a Hummingbird server outright can drop connections it accepted but has not started
        // serving, which NIO treats as a fatal error; so cancellation becomes a graceful shutdown instead.
        // The group runs in its own task so the caller's cancellation does not reach it directly.
        let group = ServiceGroup(
            configuration: .init(services: [application], gracefulShutdownSignals: [], cancellationSignals: [], logger: logger))
        let serving = Task { try await group.run() }
        try await withTaskCancellationHandler {
            try await serving.value
        } onCancel: {
            Task { await group.triggerGracefulShutdown() }
        }
    }

    /// Starts a sandbox on a free port, runs `body` with its base URL (`http://127.0.0.1:PORT`) and state,
    /// then shuts it down, whether `body` returns or throws.
    public static func withRunning<T>(
        _ configuration: Configuration = .init(),
        logger: Logger? = nil,
        isolation: isolated (any Actor)? = #isolation,
        body: (URL, SandboxState) async throws -> T
    ) async throws -> T {
        var configuration = configuration
        configuration.port = 0
        let sandbox = DiscordSandbox(configuration: configuration, logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask {
                defer { continuation.finish() }
                try await sandbox.run { port in continuation.yield(port) }
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0,
                let base = URL(string: "http://\(configuration.host):\(port)")
            else {
                // The server stopped before listening: surface its error.
                try await group.waitForAll()
                throw DiscordSandboxError.notStarted
            }
            defer { group.cancelAll() }
            return try await body(base, sandbox.state)
        }
    }
}

/// Why a sandbox could not start.
public struct DiscordSandboxError: Error, CustomStringConvertible, Sendable {
    private enum Code: Sendable {
        case notLoopback(String)
        case notStarted
    }

    private let code: Code

    static func notLoopback(host: String) -> Self { Self(code: .notLoopback(host)) }
    static let notStarted = Self(code: .notStarted)

    /// What went wrong and what to do about it.
    public var description: String {
        switch code {
        case .notLoopback(let host):
            "sandbox host \(host) is not a loopback address: use 127.0.0.1 (the sandbox never listens on a network)"
        case .notStarted:
            "sandbox stopped before it was listening: check that the port is free and try again"
        }
    }
}
