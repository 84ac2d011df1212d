import Logging
import NIOConcurrencyHelpers

/// A log handler that keeps every line (message and metadata), so tests can check what was logged.
struct SandboxLogRecorder: LogHandler {
    private let storage = NIOLockedValueBox<[String]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var lines: [String] { storage.withLockedValue { $0 } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        storage.withLockedValue { $0.append("\(event.message) \(merged)") }
    }
}
