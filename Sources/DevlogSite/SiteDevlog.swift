/// One devlog as the site shows it: its markdown and what the index, the agent and mission pages
/// and its links need.
public struct SiteDevlog: Sendable, Hashable {
    /// The cycle's id in the store.
    public var id: Int64
    /// The page's file name without extension, unique among the site's devlogs (the devlog's own
    /// file name, which is).
    public var name: String
    /// The title.
    public var title: String
    /// The agent, when the devlog names one.
    public var agent: String?
    /// The mission, when the devlog names one.
    public var mission: String?
    /// The cycle as written.
    public var cycle: String
    /// The cycle date as written.
    public var date: String
    /// The mission's status in this cycle, as written.
    public var status: String?
    /// The devlog as markdown.
    public var markdown: String
    /// The git commit the devlog records, with a link when one is configured.
    public var commit: Link?
    /// Where it was posted on Discord, with a link when the server is known.
    public var discord: Link?

    /// A devlog.
    public init(id: Int64, name: String, title: String, agent: String?, mission: String?, cycle: String, date: String,
                status: String?, markdown: String, commit: Link? = nil, discord: Link? = nil) {
        self.id = id
        self.name = name
        self.title = title
        self.agent = agent
        self.mission = mission
        self.cycle = cycle
        self.date = date
        self.status = status
        self.markdown = markdown
        self.commit = commit
        self.discord = discord
    }

    /// A fact shown as text, linked when its address is known.
    public struct Link: Sendable, Hashable {
        /// What is shown (`abc1234`).
        public var text: String
        /// Where it leads, `nil` when unknown.
        public var url: String?

        /// A link.
        public init(text: String, url: String?) {
            self.text = text
            self.url = url
        }
    }
}
