import DevlogModel
import DevlogStore
import DevlogTestSupport
import Foundation

/// A folder under the system's temporary directory, removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("devlog-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the folder; nested folders are left for the store to create.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

enum StoreFixtures {
    /// A devlog built in code, so the store is tested without ../shared.
    static func devlog(agent: String = "Agent-7", mission: String = "store_mission", cycle: Int = 1,
                       date: String = "2025-09-12", coverage: String = "85%", state: Status.State = .inProgress) -> Devlog {
        var devlog = Devlog.skeleton(
            agent: Agent(id: agent, specialty: "Persistence", coordinates: "[10, 20]"),
            mission: Mission(id: mission, objective: "Keep every record", status: Status(state), progress: 40, progressText: "40% Complete"),
            cycle: Cycle(number: cycle, date: date, lastUpdated: "\(date) 10:00", nextUpdate: "\(date) 18:00", title: "Store cycle \(cycle)")
        )
        devlog.setMetric("Test Coverage", coverage, group: "Quality Metrics")
        devlog.setMetric("Build Time", "3 minutes", group: "Speed Metrics")
        devlog.addTask("Write the migrations", status: Status(.completed))
        devlog.addTask("Cache the reads", status: Status(.inProgress))
        return devlog
    }

    /// The `devlog-store-stress` executable SwiftPM built beside the test bundle.
    static func stressExecutable() throws -> URL {
        var folders: [URL] = []
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
        folders.append(SharedFixtures.repositoryRoot.appendingPathComponent(".build/debug"))
        folders.append(SharedFixtures.repositoryRoot.appendingPathComponent(".build/release"))
        // On macOS the bundle's executable sits three levels inside the build folder.
        folders += folders.map { $0.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }
        for folder in folders {
            let candidate = folder.appendingPathComponent("devlog-store-stress")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw FixtureError(description: "devlog-store-stress not found beside the test bundle (looked in \(folders.map(\.path))); run `swift build --product devlog-store-stress`")
    }

    /// Starts the stress executable with `arguments`.
    static func launch(_ arguments: [String]) throws -> ChildProcess {
        let process = Process()
        process.executableURL = try stressExecutable()
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        return ChildProcess(process: process, errors: errors)
    }
}

/// A running child process and its standard error.
struct ChildProcess {
    let process: Process
    let errors: Pipe

    /// Waits for the child; its exit status and what it wrote to standard error.
    func finish() -> (status: Int32, errors: String) {
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
}
