import Foundation

/// Runs the built `devlog` binary in a folder, the way an agent runs it, and captures what it says.
public struct CommandRunner: Sendable {
    /// What a run printed and how it exited.
    public struct Result: Sendable {
        /// The exit status.
        public var status: Int32
        /// Standard output.
        public var stdout: String
        /// Standard error.
        public var stderr: String
    }

    /// The folder the command runs in.
    public let folder: URL
    /// Extra environment for every run.
    public var environment: [String: String]

    /// A runner in `folder`.
    public init(folder: URL, environment: [String: String] = [:]) {
        self.folder = folder
        self.environment = environment
    }

    /// The `devlog` executable `swift build` put beside the test bundle.
    public static let executable: URL? = {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        if let bundle = Bundle.main.executableURL?.deletingLastPathComponent() { candidates.append(bundle) }
        candidates.append(SharedFixtures.repositoryRoot.appendingPathComponent(".build/debug"))
        for folder in candidates {
            // An .xctest bundle sits inside the products folder on some platforms.
            for base in [folder, folder.deletingLastPathComponent()] {
                let url = base.appendingPathComponent("devlog")
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return nil
    }()

    /// Runs `devlog` with `arguments` and waits for it.
    public func run(_ arguments: [String]) throws -> Result {
        try start(arguments).finish()
    }

    /// Runs another program (`git`, `script`) the same way: in the folder, with the environment.
    public func run(program: URL, _ arguments: [String]) throws -> Result {
        try start(program: program, arguments).finish()
    }

    /// Starts `devlog` with `arguments` (and `environment` on top of the runner's) and returns at
    /// once, for tests that run several at a time or kill one.
    public func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Started {
        guard let executable = Self.executable else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "the devlog binary was not built; run swift build first"])
        }
        return try start(program: executable, arguments, environment: extra)
    }

    private func start(program: URL, _ arguments: [String], environment extra: [String: String] = [:]) throws -> Started {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "DEVLOG_DB")
        env.removeValue(forKey: "DEVLOG_AGENT")
        env.removeValue(forKey: "DEVLOG_DISCORD_WEBHOOK")
        process.environment = env.merging(environment) { _, new in new }.merging(extra) { _, new in new }
        // Files, not pipes: a chatty command can never block on a full pipe.
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("devlog-out-\(UUID().uuidString)")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("devlog-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Started(process: process, out: out, err: err)
    }

    /// A `devlog` process that ``start(_:environment:)`` started.
    // Process is a reference to one child; waiting for it and signalling it are safe from any thread.
    public final class Started: @unchecked Sendable {
        private let process: Process
        private let out: URL
        private let err: URL

        init(process: Process, out: URL, err: URL) {
            self.process = process
            self.out = out
            self.err = err
        }

        /// Whether it has not exited yet.
        public var isRunning: Bool { process.isRunning }

        /// Sends it SIGKILL, as a crash or an OOM killer would end it.
        public func kill() {
            Foundation.kill(process.processIdentifier, SIGKILL)
        }

        /// Waits for it to exit and returns what it printed.
        public func finish() throws -> Result {
            process.waitUntilExit()
            defer {
                try? FileManager.default.removeItem(at: out)
                try? FileManager.default.removeItem(at: err)
            }
            return Result(status: process.terminationStatus,
                          stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                          stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
        }

        /// ``finish()`` without holding up a thread that Swift's concurrency needs.
        public func finished() async throws -> Result {
            try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(with: Swift.Result { try self.finish() }) }
            }
        }
    }

    /// A fresh temporary folder for one test.
    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("devlog-cli-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
