/// The checklist marks a devlog uses for objectives: ✅ met, ⏳ in progress, ❌ not met.
public struct CheckMark: Sendable, Hashable {
    /// The emoji as the default template writes it.
    public let emoji: String
    /// What it means.
    public let state: Status.State

    /// The mark for a state.
    public init(state: Status.State) {
        self.state = state
        switch state {
        case .completed: emoji = "✅"
        case .failed, .cancelled, .blocked: emoji = "❌"
        case .pending, .inProgress, .unknown: emoji = "⏳"
        }
    }

    /// Reads a mark at the start of a checklist line, with or without the emoji variation selector.
    public init?(emoji written: String) {
        let bare = String(written.unicodeScalars.filter { $0 != "\u{FE0F}" })
        guard let state = Self.marks[bare] else { return nil }
        self.emoji = written
        self.state = state
    }

    private static let marks: [String: Status.State] = [
        "✅": .completed, "✔": .completed, "☑": .completed, "⏳": .inProgress, "🔄": .inProgress,
        "❌": .failed, "✖": .failed, "🚫": .blocked,
    ]
}
