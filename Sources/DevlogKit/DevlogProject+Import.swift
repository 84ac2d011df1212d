import DevlogImport
import DevlogModel
import Foundation

extension DevlogProject {
    /// Imports files and folders (searched recursively): each file in its own transaction, so a
    /// bad file changes nothing and the others still land. `progress` is told after each file
    /// (done, total).
    ///
    /// Files are read and parsed on a second thread while this one saves the previous ones, so
    /// parsing and SQLite use two cores; at most ``parsedAhead`` parsed devlogs wait, so memory
    /// stays flat however many files there are. Outcomes come back in file order.
    public func importFiles(_ paths: [String], progress: (Int, Int) -> Void = { _, _ in }) -> ImportReport {
        let started = Date()
        var report = ImportReport()
        let (files, problems) = InputFile.expand(paths)
        for problem in problems {
            report.items.append(.init(path: problem.file, outcome: .failed, error: problem.description))
        }
        let parsed = Handoff<Result<Devlog, ImportError>>(capacity: Self.parsedAhead)
        let parser = Thread {
            for file in files { parsed.put(Result { () throws(ImportError) in try file.read() }) }
        }
        parser.name = "devlog-import-parse"
        parser.start()
        for (index, file) in files.enumerated() {
            report.items.append(importFile(file, parsed: parsed.take()))
            progress(index + 1, files.count)
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// How many parsed devlogs may wait for the writer.
    static var parsedAhead: Int { 8 }

    private func importFile(_ file: InputFile, parsed: Result<Devlog, ImportError>) -> ImportReport.Item {
        do {
            let outcome = try store.save(parsed.get(), source: file.path)
            let kind: ImportReport.Outcome = switch outcome.change {
            case .inserted: .imported
            case .updated: .updated
            case .unchanged: .unchanged
            }
            return .init(path: file.path, outcome: kind, cycleID: outcome.id)
        } catch {
            // ImportError and StoreError both read as one line naming the file.
            let text = "\(error)"
            return .init(path: file.path, outcome: .failed, error: text.hasPrefix(file.path) ? text : "\(file.path): \(text)")
        }
    }
}
