import DevlogPublish
import Foundation
import Logging
import Synchronization

/// A clock whose sleeps return at once and move its time forward, recording each sleep.
final class ManualClock: PublishClock {
    private let state = Mutex<(offset: Duration, sleeps: [Duration])>((.zero, []))
    private let origin = ContinuousClock.now

    var now: ContinuousClock.Instant { origin + state.withLock { $0.offset } }

    func sleep(for duration: Duration) async throws {
        state.withLock { $0.offset += duration; $0.sleeps.append(duration) }
    }

    /// Every sleep so far, in order.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }
}

/// Collects every log line, metadata included, as text.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    func logger() -> Logger {
        var logger = Logger(label: "devlog.publish.test") { _ in CapturingHandler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    private struct CapturingHandler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            capture.append("\(event.level) \(event.message) \(merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
        }
    }
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
