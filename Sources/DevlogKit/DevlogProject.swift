public import DevlogModel
public import DevlogRender
public import DevlogStore
import Foundation
public import Logging

/// The facade a Swift program embeds: a project folder's database, templates and devlogs, and
/// the jobs `devlog` runs on them (import, generate, check, export, record edits).
public final class DevlogProject: Sendable {
    /// Where a project keeps things.
    public struct Configuration: Sendable {
        /// The store: a SQLite file's path or a PostgreSQL URL (``StoreLocation``); default
        /// `.devlog/devlog.sqlite` under the project folder.
        public var databasePath: String
        /// Templates that override the defaults by name; default `templates/` when it exists.
        public var templatesDirectory: String?
        /// Where generated devlogs are written; default `devlogs/`.
        public var devlogsDirectory: String
        /// The store's settings.
        public var store: DevlogStore.Configuration

        /// The defaults for a project folder.
        public init(folder: String = currentFolder(), databasePath: String? = nil,
                    templatesDirectory: String? = nil, store: DevlogStore.Configuration = .init()) {
            self.databasePath = databasePath ?? (folder as NSString).appendingPathComponent(".devlog/devlog.sqlite")
            let defaultTemplates = (folder as NSString).appendingPathComponent("templates")
            var isFolder: ObjCBool = false
            self.templatesDirectory = templatesDirectory
                ?? (FileManager.default.fileExists(atPath: defaultTemplates, isDirectory: &isFolder) && isFolder.boolValue ? defaultTemplates : nil)
            self.devlogsDirectory = (folder as NSString).appendingPathComponent("devlogs")
            self.store = store
        }

        /// The current directory, the default project folder.
        public static func currentFolder() -> String {
            FileManager.default.currentDirectoryPath
        }

        /// The project's `.devlog/config.yaml` (defaults when the file is absent).
        public func loadSettings() throws -> ConfigFile {
            let folder = (devlogsDirectory as NSString).deletingLastPathComponent
            return try ConfigFile.load(path: ConfigFile.path(inProject: folder), folder: folder)
        }
    }

    /// The configuration in use.
    public let configuration: Configuration
    /// The record store: SQLite or PostgreSQL, as ``Configuration/databasePath`` names it.
    public let store: any RecordStore
    /// The settings of `.devlog/config.yaml` (defaults when the file is absent).
    public let settings: ConfigFile
    /// Where the project's jobs log; the caller decides the level and destination.
    public let logger: Logger

    /// Opens the project's database, creating it when missing; `settings` are read from the
    /// config file unless given (``Configuration/loadSettings()``, when the caller needed them first).
    public init(configuration: Configuration, settings: ConfigFile? = nil, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        store = try StoreLocation(configuration.databasePath).open(configuration: configuration.store, logger: logger)
        self.settings = try settings ?? configuration.loadSettings()
    }

    /// A renderer with the project's templates.
    public func renderer() throws -> DevlogRenderer {
        try DevlogRenderer(templatesDirectory: configuration.templatesDirectory)
    }

    /// The stored cycle a selection names.
    public func cycle(_ selection: CycleSelection) throws -> StoredDevlog {
        switch selection {
        case .id(let id):
            guard let stored = try store.devlog(id: id) else { throw ProjectError.noSuchCycle(id) }
            return stored
        case .latest(let agent):
            guard let stored = try store.latest(agent: agent) else {
                throw agent.map(ProjectError.noAgentCycles) ?? ProjectError.noCycles
            }
            return stored
        }
    }

    /// Applies an edit to a stored cycle in one transaction and returns the result.
    @discardableResult
    public func edit(_ selection: CycleSelection, _ change: (inout Devlog) throws -> Void) throws -> StoredDevlog {
        let id = try cycle(selection).id
        return try store.update(id: id, change)
    }

    /// Starts a new cycle in the v3.1 frame; an existing cycle of the same agent, mission and
    /// number is returned unchanged.
    public func startCycle(agent: Agent, mission: Mission, cycle: Cycle) throws -> SaveOutcome {
        let skeleton = Devlog.skeleton(agent: agent, mission: mission, cycle: cycle)
        // Never overwrite a cycle that records were already added to.
        if let existing = try store.cycles(agent: agent.id, mission: mission.id).first(where: { $0.label == skeleton.cycle.label }) {
            return SaveOutcome(id: existing.id, change: .unchanged)
        }
        return try store.save(skeleton, source: "devlog new")
    }
}
