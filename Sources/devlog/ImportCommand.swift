import ArgumentParser
import DevlogKit
import Foundation

/// `devlog import FILE...`: stores v3.1 markdown and JSON/YAML cycle files.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import v3.1 markdown devlogs and JSON/YAML cycle files; folders are searched recursively.",
        discussion: """
        Each file is one transaction: a bad file is reported with its line or field and changes \
        nothing. Importing a file again creates no duplicate (a devlog is identified by agent, mission \
        and cycle, else by content); a changed file updates its cycle. Exit code 1 when any file failed.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: .shortAndLong, help: "Print each file's outcome as soon as it is stored (committed).")
    var verbose = false

    @Argument(help: ArgumentHelp("Files (.md, .json, .yaml, .yml) or folders.", valueName: "path"))
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one file or folder to import") }
    }

    func run() throws {
        let project = try global.project()
        let started = Date()
        var lastShown = Date.distantPast
        let report = project.importFiles(paths) { item, done, total in
            if verbose { Terminal.print("\(item.outcome.rawValue) \(item.path)") }
            let now = Date()
            guard now.timeIntervalSince(lastShown) > 0.1 || done == total else { return }
            lastShown = now
            let rate = Double(done) / max(now.timeIntervalSince(started), 0.001)
            Terminal.progress("importing \(done)/\(total) (\(Int(rate)) files/s)")
        }
        Terminal.endProgress()
        if global.json {
            try Terminal.printJSON(ImportSummary(report))
        } else {
            for item in report.items where item.outcome == .failed {
                Terminal.error(item.error ?? item.path)
            }
            Terminal.print("imported \(report.count(.imported)), updated \(report.count(.updated)), unchanged \(report.count(.unchanged)), failed \(report.count(.failed)) in \(String(format: "%.2f", report.seconds)) s")
        }
        if !report.succeeded { throw ExitCode(ExitStatus.failure) }
    }
}

/// The JSON shape of an import report.
struct ImportSummary: Encodable {
    struct File: Encodable {
        var path: String
        var outcome: String
        var cycle: Int64?
        var error: String?
    }

    var imported: Int
    var updated: Int
    var unchanged: Int
    var failed: Int
    var seconds: Double
    var files: [File]

    init(_ report: ImportReport) {
        imported = report.count(.imported)
        updated = report.count(.updated)
        unchanged = report.count(.unchanged)
        failed = report.count(.failed)
        seconds = report.seconds
        files = report.items.map { File(path: $0.path, outcome: $0.outcome.rawValue, cycle: $0.cycleID, error: $0.error) }
    }
}
