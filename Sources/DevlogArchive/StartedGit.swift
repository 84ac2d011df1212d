import Foundation

/// A git command started ahead of its input (``Git/start(_:environment:)``). Dropped unfinished,
/// the command reads the end of its input and ends on its own.
struct StartedGit: Sendable {
    let git: Git
    let arguments: [String]
    let child: ChildProcess.Started

    /// Feeds the command `input`, waits for it, and returns its standard output; throws
    /// ``GitError`` when git exits with a non-zero status.
    @discardableResult
    func finish(input: Data = Data()) async throws -> String {
        let output: ChildProcess.Output
        do {
            output = try await child.finish(input: input)
        } catch {
            throw GitError.launchFailed(arguments: arguments, directory: git.directory, error: error)
        }
        return try git.succeeded(git.report(output, arguments: arguments), arguments: arguments)
    }
}
