import DevlogImport
import DevlogStore
import Foundation

/// Files to import, read and parsed on a thread of their own from the moment this is made: a
/// cycle starts it before its store is open, so the parsing overlaps the opening.
///
/// The thread also prepares each devlog for saving (records, packed blocks, content hash), so
/// the thread that saves only runs SQL; at most ``parsedAhead`` parsed devlogs wait for it, so
/// memory stays flat however many files there are.
final class ImportReading: Sendable {
    /// The files found, in order.
    let files: [InputFile]
    /// Paths that could not be expanded into files.
    let problems: [ImportError]
    /// Each file's prepared devlog (or why not), in file order.
    let parsed: Handoff<Result<PreparedDevlog, ImportError>>
    /// When the reading began: the import's time counts from here.
    let started = Date()

    /// How many parsed devlogs may wait for the writer.
    static let parsedAhead = 64

    /// Starts reading `paths` (files and folders, searched recursively).
    init(_ paths: [String]) {
        (files, problems) = InputFile.expand(paths)
        let files = files, parsed = Handoff<Result<PreparedDevlog, ImportError>>(capacity: Self.parsedAhead)
        self.parsed = parsed
        let parser = Thread {
            for file in files { parsed.put(Result { () throws(ImportError) in PreparedDevlog(try file.read()) }) }
        }
        parser.name = "devlog-import-parse"
        parser.start()
    }
}
