import ArgumentParser
import DevlogSandbox
import Dispatch
import Foundation

/// `devlog-sandbox` (also run as `devlog sandbox`): a local Discord stand-in to try publishing
/// against. Its own executable, so the `devlog` that agents run after every cycle does not carry
/// an HTTP server.
@main
struct SandboxServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devlog-sandbox",
        abstract: "Run a local Discord webhook emulator on 127.0.0.1 until Ctrl-C.",
        discussion: "It prints a webhook URL to pass to `devlog publish --webhook` and a page showing what arrived."
    )

    @Option(name: .long, help: ArgumentHelp("The port to listen on; 0 picks a free one.", valueName: "n"))
    var port = 0

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
    }

    func run() async throws {
        var configuration = DiscordSandbox.Configuration()
        configuration.port = port
        let sandbox = DiscordSandbox(configuration: configuration)
        let webhook = DiscordSandbox.Configuration.defaultWebhook
        let serving = Task {
            try await sandbox.run { port in
                let base = "http://127.0.0.1:\(port)"
                FileHandle.standardOutput.write(Data("webhook: \(webhook.url(base: base))\npage:    \(base)/\n".utf8))
                FileHandle.standardError.write(Data("serving until Ctrl-C\n".utf8))
            }
        }
        // Ctrl-C and SIGTERM end the server gracefully instead of killing the process mid-answer.
        let signals = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { serving.cancel() }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }
        try await serving.value
    }
}
