import ArgumentParser
import DevlogKit
import Foundation

/// Runs the command line and turns any failure into one line on stderr and an exit code, the
/// same way for every subcommand (see `devlog --help` for the codes).
@main
enum Main {
    static func main() async {
        do {
            var command = try DevlogCommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // Argument errors, --help and explicit exit codes are the parser's to report.
            if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
                DevlogCommand.exit(withError: error)
            }
            Terminal.error("\(error)")
            Foundation.exit(ExitStatus.failure)
        }
    }
}
