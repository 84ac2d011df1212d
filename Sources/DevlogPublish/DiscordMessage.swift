/// The parts of Discord's message object that publishing needs.
public struct DiscordMessage: Sendable, Equatable, Decodable {
    /// The message id (a snowflake).
    public let id: String
    /// The message text.
    public let content: String?
    /// The channel (or thread) the message is in.
    public let channelID: String?

    /// Creates a message value.
    public init(id: String, content: String? = nil, channelID: String? = nil) {
        self.id = id
        self.content = content
        self.channelID = channelID
    }

    enum CodingKeys: String, CodingKey {
        case id, content
        case channelID = "channel_id"
    }
}
