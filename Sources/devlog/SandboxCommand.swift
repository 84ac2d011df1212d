import ArgumentParser
import Foundation

/// `devlog sandbox`: runs `devlog-sandbox`, the local Discord stand-in, from the folder this
/// executable is in, with the arguments given. The server is its own executable so that
/// `devlog` itself carries no HTTP server.
struct SandboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run devlog-sandbox, a local Discord webhook emulator on 127.0.0.1, until Ctrl-C.",
        discussion: "It prints a webhook URL to pass to `devlog publish --webhook`. `devlog-sandbox --help` lists its options (--port)."
    )

    @Argument(parsing: .captureForPassthrough, help: "Passed to devlog-sandbox.")
    var arguments: [String] = []

    /// The sandbox executable was not found, or could not be started.
    struct LaunchError: Error, CustomStringConvertible {
        let description: String
    }

    func run() throws {
        let folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let server = folder.appendingPathComponent("devlog-sandbox").path
        guard FileManager.default.isExecutableFile(atPath: server) else {
            throw LaunchError(description: "\(server) not found: build it beside devlog with `make release` (or `swift build --product devlog-sandbox`)")
        }
        // The server takes over this process: Ctrl-C and the exit status are its own.
        let argv: [UnsafeMutablePointer<CChar>?] = (["devlog-sandbox"] + arguments).map { $0.withCString { strdup($0) } } + [nil]
        execv(server, argv)
        throw LaunchError(description: "cannot run \(server): \(String(cString: strerror(errno)))")
    }
}
