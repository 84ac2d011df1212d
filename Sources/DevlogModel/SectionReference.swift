/// Names a section of a devlog: one of the frame's, or a custom one by title.
public struct SectionReference: Sendable, Hashable {
    /// The frame section, or `.custom`.
    public var kind: SectionKind
    /// The title as it is to be written.
    public var title: String
    /// The emoji written before the title.
    public var emoji: String

    /// A frame section.
    public init(_ kind: SectionKind) {
        self.kind = kind
        self.title = kind.title
        self.emoji = kind.emoji
    }

    /// The section a user names: a frame section when the title matches one, else a custom one.
    public init(named title: String, emoji: String? = nil) {
        let kind = SectionKind(title: title)
        self.kind = kind
        self.title = kind == .custom ? title : kind.title
        self.emoji = emoji ?? kind.emoji
    }

    func matches(_ heading: Block) -> Bool {
        let kind = SectionKind(title: heading.value)
        return kind == .custom ? SectionKind.key(heading.value) == SectionKind.key(title) && self.kind == .custom : kind == self.kind
    }
}
