import ArgumentParser
import DevlogKit

/// `devlog migrate --to URL`: copies the store into another one, SQLite to PostgreSQL or back.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Copy the store (--db) into another store, SQLite or PostgreSQL; safe to run again.",
        discussion: """
        Every cycle keeps its id, with its git facts, publications and outbox, so publishing from the \
        new store sends nothing already sent. A cycle already in the target under the same id is \
        replaced by the copy; an id holding another cycle stops the copy with nothing written.
        """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The store to copy into: a postgresql:// URL or a SQLite file.", valueName: "path|url"))
    var to: String

    func run() throws {
        let report = try global.project().copyStore(to: try StoreLocation(to))
        if global.json {
            try Terminal.printJSON(report)
            return
        }
        Terminal.print("copied \(report.cycles) cycles, \(report.facts) facts, \(report.publications) publications and "
                       + "\(report.outboxRows) outbox rows from \(report.from) to \(report.to)")
    }
}
