/// A rich embed as Discord's API describes it (only the parts devlog uses).
public struct DiscordEmbed: Sendable, Equatable, Codable {
    /// One name/value field of an embed.
    public struct Field: Sendable, Equatable, Codable {
        /// The field's name (at most 256 characters).
        public var name: String
        /// The field's value (at most 1024 characters).
        public var value: String
        /// Whether Discord may lay the field out beside others.
        public var inline: Bool

        /// Creates a field.
        public init(name: String, value: String, inline: Bool = false) {
            self.name = name
            self.value = value
            self.inline = inline
        }
    }

    /// Text shown at the bottom of an embed.
    public struct Footer: Sendable, Equatable, Codable {
        /// The footer text (at most 2048 characters).
        public var text: String

        /// Creates a footer.
        public init(text: String) { self.text = text }
    }

    /// The author line at the top of an embed.
    public struct Author: Sendable, Equatable, Codable {
        /// The author's name (at most 256 characters).
        public var name: String

        /// Creates an author line.
        public init(name: String) { self.name = name }
    }

    /// The title (at most 256 characters).
    public var title: String?
    /// The description (at most 4096 characters).
    public var description: String?
    /// A link for the title.
    public var url: String?
    /// The colour of the left border, as `0xRRGGBB`.
    public var color: Int?
    /// The fields (at most 25).
    public var fields: [Field]
    /// The footer.
    public var footer: Footer?
    /// The author line.
    public var author: Author?
    /// An ISO 8601 timestamp shown beside the footer.
    public var timestamp: String?

    /// Creates an embed.
    public init(
        title: String? = nil, description: String? = nil, url: String? = nil, color: Int? = nil,
        fields: [Field] = [], footer: Footer? = nil, author: Author? = nil, timestamp: String? = nil
    ) {
        self.title = title
        self.description = description
        self.url = url
        self.color = color
        self.fields = fields
        self.footer = footer
        self.author = author
        self.timestamp = timestamp
    }

    /// The characters this embed adds to the 6000 total, counted as Discord counts them.
    public var totalCharacters: Int {
        let texts = [title, description, footer?.text, author?.name].compactMap { $0 }
            + fields.flatMap { [$0.name, $0.value] }
        return texts.reduce(0) { $0 + DiscordLimits.count($1) }
    }

    /// The limit violations of this embed, as `field: problem` lines prefixed with `prefix`.
    func violations(prefix: String) -> [String] {
        var problems: [String] = []
        func check(_ text: String?, _ name: String, _ limit: Int) {
            if let text, DiscordLimits.count(text) > limit {
                problems.append("\(prefix)\(name): \(DiscordLimits.count(text)) characters, at most \(limit) allowed")
            }
        }
        check(title, "title", DiscordLimits.embedTitle)
        check(description, "description", DiscordLimits.embedDescription)
        check(footer?.text, "footer.text", DiscordLimits.embedFooter)
        check(author?.name, "author.name", DiscordLimits.embedAuthorName)
        if fields.count > DiscordLimits.embedFields {
            problems.append("\(prefix)fields: \(fields.count) fields, at most \(DiscordLimits.embedFields) allowed")
        }
        for (index, field) in fields.enumerated() {
            check(field.name, "fields.\(index).name", DiscordLimits.embedFieldName)
            check(field.value, "fields.\(index).value", DiscordLimits.embedFieldValue)
            if field.name.isEmpty || field.value.isEmpty {
                problems.append("\(prefix)fields.\(index): name and value must not be empty")
            }
        }
        return problems
    }
}
