/// How a devlog is laid out on Discord.
public enum PublishMode: String, Sendable, Hashable, CaseIterable {
    /// The whole markdown as messages of at most 2000 characters.
    case text
    /// One summary embed: agent, mission, status colour, progress, key metrics, next steps.
    case embed
    /// A short summary with the whole markdown attached as a `.md` file.
    case file
}
