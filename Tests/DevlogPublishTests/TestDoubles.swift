import DevlogPublish
import Foundation
import Synchronization

/// A clock whose sleeps return at once and move its time forward, recording each sleep.
final class ManualClock: PublishClock {
    private let state = Mutex<(offset: Duration, sleeps: [Duration])>((.zero, []))
    private let origin = ContinuousClock.now
    // A whole second, so waits of whole or binary-fraction seconds land exactly on the sandbox's window edges.
    private let originDate = Date().timeIntervalSince1970.rounded(.down)

    var now: ContinuousClock.Instant { origin + state.withLock { $0.offset } }

    /// The same time as a date, for the sandbox's ``DiscordSandbox/Configuration/now``.
    var date: Date {
        let offset = state.withLock { $0.offset }.components
        return Date(timeIntervalSince1970: originDate + Double(offset.seconds) + Double(offset.attoseconds) * 1e-18)
    }

    func sleep(for duration: Duration) async throws {
        state.withLock { $0.offset += duration; $0.sleeps.append(duration) }
    }

    /// Every sleep so far, in order.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }
}

/// A transport that counts sends and can refuse from the n-th on, to stand for a killed process.
final class CountingTransport: HTTPTransport {
    private let base: any HTTPTransport
    private let state = Mutex<(sends: Int, killAt: Int?)>((0, nil))

    init(_ base: any HTTPTransport, killAt: Int? = nil) {
        self.base = base
        state.withLock { $0.killAt = killAt }
    }

    var sends: Int { state.withLock { $0.sends } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let killed = state.withLock { state -> Bool in
            state.sends += 1
            return state.killAt.map { state.sends >= $0 } ?? false
        }
        if killed { throw SimulatedKill() }
        return try await base.send(request)
    }
}

/// Thrown where a test pretends the process died.
struct SimulatedKill: Error {}
