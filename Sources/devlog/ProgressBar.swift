import Foundation
import Synchronization

/// A progress bar with an ETA on stderr, drawn only when stderr is a terminal.
final class ProgressBar: Sendable {
    private let unit: String
    private let started = ContinuousClock.now
    private let drawn = Atomic<Bool>(false)

    init(unit: String) {
        self.unit = unit
    }

    /// Redraws the bar for `done` of `total`; the ETA assumes the remaining items go as fast as the done ones.
    @Sendable func update(_ done: Int, _ total: Int) {
        guard Terminal.stderrIsTerminal, total > 1 else { return }
        let width = 30
        let filled = width * done / total
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let eta = done == 0 ? "?" : Self.format(seconds / Double(done) * Double(total - done))
        Terminal.progress("[\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] \(done)/\(total) \(unit), ETA \(eta)")
        drawn.store(true, ordering: .relaxed)
    }

    /// Ends the bar's line, if one was drawn.
    func finish() {
        if drawn.load(ordering: .relaxed) { Terminal.endProgress() }
    }

    private static func format(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return String(format: "%d:%02d", whole / 60, whole % 60)
    }
}
