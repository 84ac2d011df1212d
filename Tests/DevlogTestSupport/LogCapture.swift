import Logging
import Synchronization

/// Collects every log line, level and metadata included, as text, so tests can check what a library
/// logged (and that no secret was among it).
public final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    /// An empty capture.
    public init() {}

    /// Every line so far, oldest first: `level message key=value …` with keys sorted.
    public var all: [String] { lines.withLock { $0 } }

    /// A logger at `trace` level that writes into this capture.
    public func logger(label: String = "devlog.test") -> Logger {
        var logger = Logger(label: label) { _ in CapturingHandler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    private func append(_ line: String) { lines.withLock { $0.append(line) } }

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
            let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            capture.append((["\(event.level)", "\(event.message)"] + fields).joined(separator: " "))
        }
    }
}
