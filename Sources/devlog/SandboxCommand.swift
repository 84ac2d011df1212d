import ArgumentParser
import Foundation

/// `devlog sandbox`: runs `devlog-sandbox`, the local Discord stand-in, from the folder this
/// executable is in. The server is its own executable so that `devlog` itself stays small.
struct SandboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a local Discord webhook emulator on 127.0.0.1 until Ctrl-C (runs devlog-sandbox).",
        discussion: "It prints a webhook URL to pass to `devlog publish --webhook` and a page showing what arrived."
    )

    @Option(name: .long, help: ArgumentHelp("The port to listen on; 0 picks a free one.", valueName: "n"))
    var port = 0

    /// The sandbox executable was not found, or could not be started.
    struct LaunchError: Error, CustomStringConvertible {
        let description: String
    }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let server = folder.appendingPathComponent("devlog-sandbox").path
        guard FileManager.default.isExecutableFile(atPath: server) else {
            throw LaunchError(description: "\(server) not found: build it beside devlog with `make release` (or `swift build --product devlog-sandbox`)")
        }
        // The server takes over this process: Ctrl-C and the exit status are its own.
        let arguments: [UnsafeMutablePointer<CChar>?] = ["devlog-sandbox", "--port", "\(port)"].map { $0.withCString { strdup($0) } } + [nil]
        execv(server, arguments)
        throw LaunchError(description: "cannot run \(server): \(String(cString: strerror(errno)))")
    }
}
