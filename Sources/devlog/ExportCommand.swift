import ArgumentParser
import DevlogKit
import DevlogRender
import Foundation

/// `devlog export`: the full template context, for template authors.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print a cycle's full template context as JSON (every key a template can use)."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CycleOptions

    func run() throws {
        let stored = try global.project().cycle(target.selection)
        try Terminal.printJSON(DevlogContext.make(for: stored.devlog).exported)
    }
}
