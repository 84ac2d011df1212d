/// Why `.devlog/config.yaml` could not be used: one line naming the file, line and field.
///
/// Never holds a webhook URL: a bad one is described by ``DevlogPublish/WebhookURLError``, which
/// does not repeat it.
public struct ConfigFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public let file: String
    /// The 1-based line, when known.
    public let line: Int?
    /// The field path (`discord.agents.Agent-6`), when the problem is in a field.
    public let field: String?
    /// What is wrong and what to do.
    public let message: String

    init(file: String, line: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `.devlog/config.yaml:3: discord.mode: unknown mode "txt"; use text, embed or file`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let field { text += "\(field): " }
        return text + message
    }
}
