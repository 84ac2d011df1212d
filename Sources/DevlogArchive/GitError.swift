import Foundation

/// A git command that could not run or that failed; its description shows git's own message and
/// the command, with any credentials in URLs replaced by `***`.
public struct GitError: Error, CustomStringConvertible, Sendable {
    private enum Code: Sendable, Equatable {
        case notInstalled(searched: String)
        case missingDirectory
        case launchFailed(reason: String)
        case notARepository
        case failed(status: Int32)
    }

    private let code: Code
    /// The command as typed, with credentials redacted (`git push https://***@host/repo main`).
    public let command: String
    /// The directory the command ran in.
    public let directory: String
    /// git's standard error as it printed it, with credentials redacted.
    public let stderr: String

    private init(code: Code, arguments: [String], directory: URL, stderr: String) {
        self.code = code
        self.command = CredentialRedactor.command(arguments)
        self.directory = directory.path
        self.stderr = CredentialRedactor.redact(stderr)
    }

    /// git's exit status, when it ran.
    public var exitStatus: Int32? {
        if case .failed(let status) = code { return status }
        return nil
    }

    /// True when the directory is not inside a git work tree.
    public var isNotARepository: Bool { code == .notARepository }

    /// What went wrong, git's message, and what to do.
    public var description: String {
        let said = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        switch code {
        case .notInstalled(let searched):
            return "git was not found on PATH (\(searched)) while running `\(command)`; install git 2.x or put it on PATH."
        case .missingDirectory:
            return "\(directory) does not exist (needed for `\(command)`); create it with `git init \(directory)` or pass `--repo DIR` with an existing repository."
        case .launchFailed(let reason):
            return "could not start `\(command)` in \(directory): \(reason)"
        case .notARepository:
            return "\(directory) is not a git repository (`\(command)`: \(said)); run `git init` there, or pass `--repo DIR` with the repository that should hold the devlogs."
        case .failed(let status):
            return "`\(command)` failed with exit status \(status) in \(directory):\n\(said)"
        }
    }

    static func failed(arguments: [String], directory: URL, status: Int32, stderr: String) -> GitError {
        let code: Code = stderr.contains("not a git repository") ? .notARepository : .failed(status: status)
        return GitError(code: code, arguments: arguments, directory: directory, stderr: stderr)
    }

    static func notInstalled(arguments: [String], searched: String) -> GitError {
        GitError(code: .notInstalled(searched: searched), arguments: arguments, directory: URL(fileURLWithPath: "."), stderr: "")
    }

    static func missingDirectory(_ directory: URL, arguments: [String]) -> GitError {
        GitError(code: .missingDirectory, arguments: arguments, directory: directory, stderr: "")
    }

    static func launchFailed(arguments: [String], directory: URL, error: any Error) -> GitError {
        GitError(code: .launchFailed(reason: "\(error)"), arguments: arguments, directory: directory, stderr: "")
    }
}
