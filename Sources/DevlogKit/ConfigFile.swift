import DevlogImport
import DevlogPublish
import Foundation
import Yams

/// The project's settings file, `.devlog/config.yaml`: where devlogs are posted (`discord:`) and
/// archived (`archive:`), and whether `devlog cycle` stops at contradictions (`cycle:`). A missing
/// file means the defaults; unknown fields are refused so a typo is not ignored in silence.
///
/// ```yaml
/// discord:
///   webhook: https://discord.com/api/webhooks/ID/TOKEN
///   agents: { Agent-6: https://discord.com/api/webhooks/ID2/TOKEN2 }
///   username: Devlog Bot
///   mode: text            # text | embed | file
/// archive:
///   repo: .
///   directory: devlogs
///   author: { name: devlog, email: devlog@localhost }
///   push: false
///   push_timeout: 120      # seconds to keep retrying a push others beat
/// cycle:
///   strict: false         # true: contradictions stop the job, as `devlog cycle --strict`
/// site:
///   directory: site       # `devlog site` writes here; `devlog cycle` refreshes it at its end
///   commit_url: https://github.com/org/repo/commit/{hash}
///   discord_server: "1234567890"   # the server id a Discord message link needs
/// ```
public struct ConfigFile: Sendable {
    /// The `discord:` section.
    public var discord: DiscordSettings
    /// The `archive:` section.
    public var archive: ArchiveSettings
    /// The `cycle:` section.
    public var cycle: CycleSettings
    /// The `site:` section.
    public var site = SiteSettings()

    /// The defaults, for a project in `folder`.
    public init(folder: String) {
        discord = DiscordSettings()
        archive = ArchiveSettings(repositoryPath: folder)
        cycle = CycleSettings()
    }

    /// Creates settings from their sections.
    public init(discord: DiscordSettings, archive: ArchiveSettings, cycle: CycleSettings = CycleSettings()) {
        self.discord = discord
        self.archive = archive
        self.cycle = cycle
    }

    /// `.devlog/config.yaml` under `folder`.
    public static func path(inProject folder: String) -> String {
        (folder as NSString).appendingPathComponent(".devlog/config.yaml")
    }

    /// Reads the file at `path` for a project in `folder`; the defaults when there is no file.
    ///
    /// - Throws: ``ConfigFileError`` naming the line and field (never a webhook token).
    public static func load(path: String, folder: String) throws -> ConfigFile {
        var status = stat()
        // Most projects have no config file: one stat says so.
        if stat(path, &status) != 0, errno == ENOENT { return ConfigFile(folder: folder) }
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                throw ConfigFileError(file: path, message: "cannot read the file; check its permissions")
            }
            return ConfigFile(folder: folder)
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path, folder: folder)
    }

    /// Parses the text of a config file; `file` names it in errors.
    public static func parse(_ text: String, file: String, folder: String) throws -> ConfigFile {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { return ConfigFile(folder: folder) }
            root = node
        } catch let error as YamlError {
            // Only libyaml's problem and mark: the error's own description quotes the text, token included.
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                throw ConfigFileError(file: file, line: mark.line, message: "syntax error: \(problem) (column \(mark.column)); fix the YAML there")
            default:
                throw ConfigFileError(file: file, message: "not valid YAML; check the file's indentation and quoting")
            }
        }
        var config = ConfigFile(folder: folder)
        let top = NodeReader(node: root, path: "", file: file)
        for (key, value) in try top.pairs(allowed: ["discord", "archive", "cycle", "site"]) {
            switch key {
            case "discord": config.discord = try discordSettings(value)
            case "cycle": config.cycle = try cycleSettings(value)
            case "site": config.site = try siteSettings(value, folder: folder)
            default: config.archive = try archiveSettings(value, folder: folder)
            }
        }
        return config
    }

    private static func discordSettings(_ node: NodeReader) throws -> DiscordSettings {
        var settings = DiscordSettings()
        for (key, value) in try node.pairs(allowed: ["webhook", "agents", "username", "mode"]) {
            switch key {
            case "webhook":
                settings.webhook = try value.webhook()
            case "agents":
                for (agent, url) in try value.pairs() { settings.agentWebhooks[agent] = try url.webhook() }
            case "username":
                let name = try value.string()
                if let problem = WebhookMessage.usernameViolations(name).first { throw value.error(problem) }
                settings.username = name
            default:
                let text = try value.string()
                guard let mode = PublishMode(rawValue: text.lowercased()) else {
                    throw value.error("unknown mode \"\(text.prefix(20))\"; use text, embed or file")
                }
                settings.mode = mode
            }
        }
        return settings
    }

    private static func cycleSettings(_ node: NodeReader) throws -> CycleSettings {
        var settings = CycleSettings()
        for (_, value) in try node.pairs(allowed: ["strict"]) {
            settings.strict = try value.bool()
        }
        return settings
    }

    private static func siteSettings(_ node: NodeReader, folder: String) throws -> SiteSettings {
        var settings = SiteSettings()
        for (key, value) in try node.pairs(allowed: ["directory", "commit_url", "discord_server"]) {
            let text = try value.string()
            switch key {
            case "directory":
                let path = (text as NSString).expandingTildeInPath
                settings.directory = path.hasPrefix("/") ? path : ((folder as NSString).appendingPathComponent(path) as NSString).standardizingPath
            case "commit_url":
                guard text.hasPrefix("https://") || text.hasPrefix("http://"), text.contains("{hash}") else {
                    throw value.error("expected an http(s) address with {hash} where the commit hash goes")
                }
                settings.commitURL = text
            default:
                guard !text.isEmpty, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) else {
                    throw value.error("expected the server's id, digits only (Discord: Copy Server ID)")
                }
                settings.discordServer = text
            }
        }
        return settings
    }

    private static func archiveSettings(_ node: NodeReader, folder: String) throws -> ArchiveSettings {
        var settings = ArchiveSettings(repositoryPath: folder)
        for (key, value) in try node.pairs(allowed: ["repo", "directory", "author", "push", "push_timeout"]) {
            switch key {
            case "repo":
                let path = (try value.string() as NSString).expandingTildeInPath
                settings.repositoryPath = path.hasPrefix("/") ? path : ((folder as NSString).appendingPathComponent(path) as NSString).standardizingPath
            case "directory":
                let directory = try value.string()
                guard !directory.hasPrefix("/"), !directory.split(separator: "/").contains("..") else {
                    throw value.error("must be a folder inside the repository, without `..`")
                }
                settings.directory = directory
            case "author":
                for (field, text) in try value.pairs(allowed: ["name", "email"]) {
                    let string = try text.string()
                    guard !string.trimmingCharacters(in: .whitespaces).isEmpty, !string.contains(where: { "<>\n".contains($0) }) else {
                        throw text.error("must be non-empty text without <, > or line breaks")
                    }
                    if field == "name" { settings.authorName = string } else { settings.authorEmail = string }
                }
            case "push":
                settings.push = try value.bool()
            default:
                guard let seconds = Int(try value.string()), (0...3600).contains(seconds) else {
                    throw value.error("expected a whole number of seconds from 0 to 3600")
                }
                settings.pushTimeout = .seconds(seconds)
            }
        }
        return settings
    }
}

/// What the config file reads beyond a cycle file's values.
private extension NodeReader {
    func bool() throws -> Bool {
        switch try string().lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false")
        }
    }

    /// A webhook URL; the error names the field, never the URL.
    func webhook() throws -> WebhookURL {
        do {
            return try WebhookURL(parsing: try string())
        } catch let problem as WebhookURLError {
            throw error(problem.description)
        }
    }
}
