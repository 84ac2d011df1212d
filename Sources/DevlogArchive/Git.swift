import Foundation
import Logging
import Subprocess
import SystemPackage

/// Runs the git command line in one directory.
///
/// Every command gets `GIT_TERMINAL_PROMPT=0` (never wait for a password on a terminal) and
/// `LC_ALL=C` (messages in English, so rejections and errors can be recognised), on top of the
/// inherited environment without the variables that would point git at another repository, and
/// without the Discord webhook: git runs the repository's hooks, which have no business with its
/// token.
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
        String(decoding: try await data(arguments, input: input, environment: extra), as: UTF8.self)
    }

    /// ``run(_:input:environment:)``, its standard output as bytes: tree listings hold names
    /// that need not be UTF-8, and `cat-file --batch` output is not text.
    public func data(
        _ arguments: [String], input: Data? = nil, environment extra: [String: String] = [:]
    ) async throws -> Data {
        let output = try await execute(arguments, input: input, environment: extra)
        guard output.status == 0 else {
            throw GitError.failed(arguments: arguments, directory: directory, status: output.status, stderr: output.stderr)
        }
        return output.data
    }

    /// Runs `git arguments…` and returns whatever happened; throws only when git cannot start.
    /// For commands whose non-zero status is an answer (`rev-parse --verify`, `push`).
    public func execute(
        _ arguments: [String], input: Data? = nil, environment extra: [String: String] = [:]
    ) async throws -> GitOutput {
        guard FileManager.default.fileExists(atPath: directory.path) else {
            throw GitError.missingDirectory(directory, arguments: arguments)
        }
        let variables = Self.childEnvironment(
            inherited: ProcessInfo.processInfo.environment, adding: environment.merging(extra) { _, new in new })
        let childEnvironment = Subprocess.Environment.custom(Dictionary(uniqueKeysWithValues: variables.compactMap { name, value in
            Subprocess.Environment.Key(rawValue: name).map { ($0, value) }
        }))
        let output: GitOutput
        do {
            // Looked up here, with stats: run(.name(…)) tries each PATH directory in a child of its own.
            let git = if let executable { FilePath(executable.path) } else {
                try await Executable.name("git").resolveExecutablePath(in: childEnvironment)
            }
            if let input {
                // A file rather than a pipe: a git that exits before reading its input (a
                // refused command) must not cost this process a SIGPIPE.
                output = try await spawn(git, arguments, environment: childEnvironment,
                                         input: .fileDescriptor(try Self.inputFile(input), closeAfterSpawningProcess: true))
            } else {
                output = try await spawn(git, arguments, environment: childEnvironment, input: .none)
            }
        } catch let error as SubprocessError where error.code == .executableNotFound {
            throw GitError.notInstalled(arguments: arguments, searched: variables["PATH"] ?? "")
        } catch {
            throw GitError.launchFailed(arguments: arguments, directory: directory, error: error)
        }
        logger.debug(
            "git command finished",
            metadata: [
                "git.command": "\(CredentialRedactor.command(arguments))",
                "git.status": "\(output.status)",
                "git.directory": "\(directory.path)",
            ])
        return output
    }

    private func spawn<Input: InputProtocol>(_ git: FilePath, _ arguments: [String], environment: Subprocess.Environment,
                                             input: Input) async throws -> GitOutput {
        // No limits on what is collected: git's answers here are as large as the repository's history.
        let result = try await Subprocess.run(
            .path(git), arguments: Arguments(arguments), environment: environment, workingDirectory: FilePath(directory.path),
            input: input, output: .data(limit: .max), error: .data(limit: .max))
        let status: Int32 = switch result.terminationStatus {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal  // as shells report it
        }
        return GitOutput(status: status, data: result.standardOutput, stderr: String(decoding: result.standardError, as: UTF8.self))
    }

    /// An unlinked temporary file holding `data`, open for reading from its start.
    private static func inputFile(_ data: Data) throws -> FileDescriptor {
        let path = FilePath(FileManager.default.temporaryDirectory.appendingPathComponent("devlog-git-\(UUID().uuidString)").path)
        let file = try FileDescriptor.open(path, .readWrite, options: [.create, .exclusiveCreate, .closeOnExec], permissions: .ownerReadWrite)
        do {
            try FileManager.default.removeItem(atPath: path.string)
            try file.writeAll(data)
            try file.seek(offset: 0, from: .start)
            return file
        } catch {
            try? file.close()
            throw error
        }
    }

    /// Variables that would make git use another repository, index or work tree than
    /// `directory`'s (set, for example, when running inside a git hook).
    private static let repositoryVariables: Set<String> = [
        "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_PREFIX", "GIT_NAMESPACE",
        "GIT_IMPLICIT_WORK_TREE", "GIT_GRAFT_FILE", "GIT_SHALLOW_FILE", "GIT_REPLACE_REF_BASE",
    ]

    /// A git command's environment: `inherited` without ``repositoryVariables``, then the
    /// defaults and `extra`; last, every Discord webhook taken out (`DEVLOG_DISCORD_WEBHOOK`, and
    /// any variable whose value holds a webhook address), and every database password
    /// (`PGPASSWORD`, and any PostgreSQL URL holding one, as `DEVLOG_DB` may), whoever set it.
    static func childEnvironment(inherited: [String: String], adding extra: [String: String]) -> [String: String] {
        var result = inherited.filter { !repositoryVariables.contains($0.key) }
        result["GIT_TERMINAL_PROMPT"] = "0"
        result["LC_ALL"] = "C"
        result.merge(extra) { _, new in new }
        return result.filter {
            $0.key != "DEVLOG_DISCORD_WEBHOOK" && $0.key != "PGPASSWORD" && !holdsWebhook($0.value) && !holdsDatabasePassword($0.value)
        }
    }

    /// Whether `value` holds a PostgreSQL URL with a password (`postgresql://user:secret@host`):
    /// after a `postgres` scheme, a user part holding `:` that ends in `@`. Read for every
    /// variable of every git command, so it scans the text rather than running a regex.
    static func holdsDatabasePassword(_ value: String) -> Bool {
        var rest = value[...]
        while let scheme = rest.range(of: "postgres", options: .caseInsensitive) {
            rest = rest[scheme.upperBound...]
            let afterScheme = rest.hasPrefix("ql://") || rest.hasPrefix("QL://") ? rest.dropFirst(5) : rest.hasPrefix("://") ? rest.dropFirst(3) : nil
            guard let afterScheme else { continue }
            let user = afterScheme.prefix { $0 != "/" && $0 != "@" && !$0.isWhitespace }
            if user.contains(":"), afterScheme.dropFirst(user.count).first == "@" { return true }
        }
        return false
    }

    /// Whether `value` may hold a webhook address: it contains `/webhooks/` in any case, as
    /// Discord's do (`/api/webhooks/`, `/api/v10/webhooks/`).
    static func holdsWebhook(_ value: String) -> Bool {
        value.range(of: "/webhooks/", options: .caseInsensitive) != nil
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
