/// A status as a devlog writes it, with its normalized meaning.
///
/// Real devlogs spell one status many ways (`COMPLETED`, `✅ Completed`, `RESOLVED - All synced`);
/// `state` lets tools compare them while `text` keeps the words as written.
public struct Status: Sendable, Hashable, Codable {
    /// The normalized meaning of a status.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case pending
        case inProgress = "in_progress"
        case completed
        case blocked
        case failed
        case cancelled
        /// Written text that names no known status; only markdown import keeps these.
        case unknown
    }

    /// The normalized meaning.
    public var state: State
    /// The status exactly as written.
    public var text: String

    /// A status with the given meaning and written form.
    public init(_ state: State, text: String) {
        self.state = state
        self.text = text
    }

    /// A status written the canonical way for its state (`Completed`, `In Progress`, …).
    public init(_ state: State) {
        self.init(state, text: state.displayName)
    }

    /// Reads a written status; `nil` when the text names no known status.
    public init?(parsing text: String) {
        guard let state = State(recognizing: text) else { return nil }
        self.init(state, text: text)
    }
}

extension Status.State {
    /// How the default template writes this state.
    public var displayName: String {
        switch self {
        case .pending: "Pending"
        case .inProgress: "In Progress"
        case .completed: "Completed"
        case .blocked: "Blocked"
        case .failed: "Failed"
        case .cancelled: "Cancelled"
        case .unknown: "Unknown"
        }
    }

    /// Whether work in this state is finished, for better or worse.
    public var isFinal: Bool {
        switch self {
        case .completed, .failed, .cancelled: true
        case .pending, .inProgress, .blocked, .unknown: false
        }
    }

    /// Recognizes a written status by its leading words or emoji; `nil` when none matches.
    ///
    /// Only the start counts, so `RESOLVED - All contracts synchronized` is completed while
    /// `Verified module structure` is not a status at all.
    public init?(recognizing written: String) {
        let words = Self.normalizedWords(written)
        guard !words.isEmpty else { return nil }
        for (state, spellings) in Self.vocabulary {
            for spelling in spellings {
                guard let end = Self.prefixEnd(spelling, of: words) else { continue }
                let rest = words[end...]
                // "done" must be a whole word: "donated" is not a status.
                if rest.isEmpty || rest.first == " " {
                    self = state
                    return
                }
            }
        }
        return nil
    }

    /// Where `spelling` ends when `words` starts with it, as `hasPrefix` reads it; compared in
    /// UTF-8 with a character-boundary check, since the character comparison of ~70 spellings
    /// against emoji-led text was most of reading a status. No character is canonically
    /// equivalent to a spelling's without also being the same bytes (the spellings are
    /// lowercase ASCII words and emoji without decompositions).
    private static func prefixEnd(_ spelling: String, of words: String) -> String.Index? {
        let utf8 = words.utf8
        guard utf8.first == spelling.utf8.first, utf8.starts(with: spelling.utf8) else { return nil }
        let end = utf8.index(utf8.startIndex, offsetBy: spelling.utf8.count)
        guard end == utf8.endIndex || String.Index(end, within: words) != nil else { return nil }
        return end
    }

    private static let vocabulary: [(Status.State, [String])] = [
        (.completed, ["✅", "✔", "☑", "completed", "complete", "done", "finished", "resolved", "fixed",
                      "achieved", "accomplished", "passed", "success", "successful", "deployed", "merged", "closed"]),
        (.inProgress, ["🔄", "🚧", "🔨", "in progress", "in-progress", "in_progress", "inprogress", "ongoing",
                       "active", "running", "working", "started", "wip"]),
        (.pending, ["⏳", "🕐", "⌛", "pending", "todo", "to do", "not started", "planned", "queued", "waiting",
                    "scheduled", "open", "ready"]),
        (.blocked, ["🚫", "⛔", "🛑", "blocked", "on hold", "stalled"]),
        (.failed, ["❌", "✖", "failed", "failure", "error", "broken"]),
        (.cancelled, ["cancelled", "canceled", "dropped", "abandoned", "skipped"]),
        (.unknown, ["unknown"]),
    ]

    /// Lowercased, with markdown emphasis, code marks, brackets and the emoji variation
    /// selector removed, so `**✅ COMPLETED**` and `✅️ Completed` read alike.
    private static func normalizedWords(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "*", "`", "_", "[", "]", "\u{FE0F}": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out.lowercased().trimmingWhitespace()
    }
}
