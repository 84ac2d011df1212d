import DevlogImport
import DevlogModel
import DevlogStore
import Foundation

extension DevlogProject {
    /// Imports files and folders (searched recursively): each file in its own transaction (a
    /// savepoint, several to a commit), so a bad file changes nothing and the others still land.
    /// `progress` is told after each file (done, total).
    ///
    /// Files are read and parsed on a second thread (``ImportReading``) while this one saves the
    /// previous ones, so parsing and SQLite use two cores. Outcomes come back in file order.
    public func importFiles(_ paths: [String], progress: (Int, Int) -> Void = { _, _ in }) -> ImportReport {
        importFiles(ImportReading(paths), progress: progress)
    }

    /// ``importFiles(_:progress:)`` of files being read already.
    func importFiles(_ reading: ImportReading, progress: (Int, Int) -> Void = { _, _ in }) -> ImportReport {
        var report = ImportReport()
        for problem in reading.problems {
            report.items.append(.init(path: problem.file, outcome: .failed, error: problem.description))
        }
        let files = reading.files, parsed = reading.parsed
        var next = 0
        while next < files.count {
            // One commit per batch, one savepoint (SQLite's nested transaction) per file.
            let batch = files[next..<min(next + Self.filesPerCommit, files.count)]
            var devlogs: [(devlog: PreparedDevlog, source: String)] = []
            var outcomes: [ImportReport.Item?] = []
            for file in batch {
                switch parsed.take() {
                case .success(let devlog):
                    devlogs.append((devlog, file.path))
                    outcomes.append(nil)
                case .failure(let error):
                    outcomes.append(.init(path: file.path, outcome: .failed, error: error.description))
                }
            }
            var saved = store.save(prepared: devlogs).makeIterator()
            for (file, outcome) in zip(batch, outcomes) {
                report.items.append(outcome ?? Self.item(for: file, saved.next()!))
                next += 1
                progress(next, files.count)
            }
        }
        report.seconds = Date().timeIntervalSince(reading.started)
        return report
    }

    /// How many files share one commit: few enough that other writers wait milliseconds for
    /// the lock, enough that the commit's fixed cost is shared.
    static var filesPerCommit: Int { 32 }

    private static func item(for file: InputFile, _ saved: Result<SaveOutcome, any Error>) -> ImportReport.Item {
        switch saved {
        case .success(let outcome):
            let kind: ImportReport.Outcome = switch outcome.change {
            case .inserted: .imported
            case .updated: .updated
            case .unchanged: .unchanged
            }
            return .init(path: file.path, outcome: kind, cycleID: outcome.id)
        case .failure(let error):
            // StoreError reads as one line; name the file in front of it.
            return .init(path: file.path, outcome: .failed, error: "\(file.path): \(error)")
        }
    }
}
