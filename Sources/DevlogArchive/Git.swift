import Foundation
import Logging
import Synchronization

/// Runs the git command line in one directory.
///
/// Every command gets `GIT_TERMINAL_PROMPT=0` (never wait for a password on a terminal) and
/// `LC_ALL=C` (messages in English, so rejections and errors can be recognised), on top of the
/// inherited environment without the variables that would point git at another repository.
public struct Git: Sendable {
    /// The directory git runs in (any directory inside the work tree).
    public var directory: URL
    /// Variables added to every command's environment, after the defaults above.
    public var environment: [String: String]
    /// The git executable; `nil` looks `git` up on `PATH`.
    public var executable: URL?
    /// Receives one debug line per command.
    public var logger: Logger

    /// Creates a runner for `directory`.
    public init(directory: URL, environment: [String: String] = [:], executable: URL? = nil, logger: Logger) {
        self.directory = directory
        self.environment = environment
        self.executable = executable
        self.logger = logger
    }

    /// Runs `git arguments…` and returns its standard output; throws ``GitError`` when git exits
    /// with a non-zero status.
    @discardableResult
    public func run(
        _ arguments: [String], input: Data? = nil, environment extra: [String: String] = [:]
    ) async throws -> String {
        try succeeded(try await execute(arguments, input: input, environment: extra), arguments: arguments)
    }

    /// `output`'s standard output; throws ``GitError`` when the command exited with a non-zero status.
    func succeeded(_ output: GitOutput, arguments: [String]) throws -> String {
        guard output.status == 0 else {
            throw GitError.failed(arguments: arguments, directory: directory, status: output.status, stderr: output.stderr)
        }
        return output.stdout
    }

    /// Runs `git arguments…` and returns whatever happened; throws only when git cannot start.
    /// For commands whose non-zero status is an answer (`rev-parse --verify`, `push`).
    public func execute(
        _ arguments: [String], input: Data? = nil, environment extra: [String: String] = [:]
    ) async throws -> GitOutput {
        let gitPath = try executablePath(arguments: arguments)
        let output: ChildProcess.Output
        do {
            output = try await ChildProcess.run(executable: gitPath, arguments: ["-C", directory.path] + arguments,
                                                environment: processEnvironment(extra), input: input ?? Data())
        } catch {
            throw GitError.launchFailed(arguments: arguments, directory: directory, error: error)
        }
        return report(output, arguments: arguments)
    }

    /// Starts `git arguments…` (a `--stdin` mode) before its input is ready, so its start-up
    /// overlaps the caller's remaining work; ``StartedGit/finish(input:)`` feeds it.
    func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> StartedGit {
        let gitPath = try executablePath(arguments: arguments)
        do {
            let child = try ChildProcess.Started(executable: gitPath, arguments: ["-C", directory.path] + arguments,
                                                 environment: processEnvironment(extra))
            return StartedGit(git: self, arguments: arguments, child: child)
        } catch {
            throw GitError.launchFailed(arguments: arguments, directory: directory, error: error)
        }
    }

    /// The git executable to run `arguments` with, once `directory` is known to exist. Commands
    /// get `-C directory` rather than a working directory: posix_spawn cannot change directory
    /// portably.
    private func executablePath(arguments: [String]) throws -> String {
        guard access(directory.path, F_OK) == 0 else {
            throw GitError.missingDirectory(directory, arguments: arguments)
        }
        return try (executable ?? Self.lookUpGit(arguments: arguments)).path
    }

    /// `output` as a ``GitOutput``, with a debug line.
    func report(_ output: ChildProcess.Output, arguments: [String]) -> GitOutput {
        let status = output.status
        let stdout = output.stdout
        let stderr = String(decoding: output.stderr, as: UTF8.self)
        logger.debug(
            "git command finished",
            metadata: [
                "git.command": "\(CredentialRedactor.command(arguments))",
                "git.status": "\(status)",
                "git.directory": "\(directory.path)",
            ])
        return GitOutput(status: status, data: stdout, stderr: stderr)
    }

    /// Variables that would make git use another repository, index or work tree than
    /// `directory`'s (set, for example, when running inside a git hook).
    private static let repositoryVariables: Set<String> = [
        "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_PREFIX", "GIT_NAMESPACE",
        "GIT_IMPLICIT_WORK_TREE", "GIT_GRAFT_FILE", "GIT_SHALLOW_FILE", "GIT_REPLACE_REF_BASE",
    ]

    /// The inherited part of every command's environment, read once: devlog never changes its
    /// own environment, and copying it costs more than the rest of a command's setup.
    private static let inheritedEnvironment: [String: String] = {
        var result = ProcessInfo.processInfo.environment.filter { !repositoryVariables.contains($0.key) }
        result["GIT_TERMINAL_PROMPT"] = "0"
        result["LC_ALL"] = "C"
        return result
    }()

    private func processEnvironment(_ extra: [String: String]) -> [String: String] {
        var result = Self.inheritedEnvironment
        result.merge(environment) { _, new in new }
        result.merge(extra) { _, new in new }
        return result
    }

    /// The last lookup, by the `PATH` it searched: a cycle runs about ten git commands, and each
    /// search stats every `PATH` entry.
    private static let lastLookUp = Mutex<(path: String, git: URL)?>(nil)

    private static func lookUpGit(arguments: [String]) throws -> URL {
        // getenv, not ProcessInfo's environment: that copies every variable on each call.
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin"
        if let known = lastLookUp.withLock({ $0 }), known.path == path { return known.git }
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("git")
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                lastLookUp.withLock { $0 = (path, candidate) }
                return candidate
            }
        }
        throw GitError.notInstalled(arguments: arguments, searched: path)
    }
}

/// What one git command produced.
public struct GitOutput: Sendable, Equatable {
    /// The exit status (0 for success).
    public var status: Int32
    /// Standard output as bytes (`cat-file --batch` output is not text).
    public var data: Data
    /// Standard error, decoded as UTF-8.
    public var stderr: String

    /// Standard output, decoded as UTF-8.
    public var stdout: String { String(decoding: data, as: UTF8.self) }

    /// Creates an output record.
    public init(status: Int32, data: Data, stderr: String) {
        self.status = status
        self.data = data
        self.stderr = stderr
    }
}
