import DevlogImport
import DevlogModel
import DevlogStore
import Foundation

extension DevlogProject {
    /// Imports files and folders (searched recursively), each file in its own transaction, so a
    /// bad file changes nothing, the others still land, and a file reported imported is
    /// committed. `progress` is told after each file (its outcome, how many are done, of how many).
    public func importFiles(_ paths: [String], progress: (ImportReport.Item, Int, Int) -> Void = { _, _, _ in }) -> ImportReport {
        let started = Date()
        let (files, problems) = InputFile.expand(paths)
        var report = ImportReport()
        for problem in problems {
            report.items.append(.init(path: problem.file, outcome: .failed, error: problem.description))
        }
        for (done, file) in files.enumerated() {
            let item = importFile(file)
            report.items.append(item)
            progress(item, done + 1, files.count)
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    private func importFile(_ file: InputFile) -> ImportReport.Item {
        let devlog: Devlog
        do {
            devlog = try file.read()
        } catch {
            return .init(path: file.path, outcome: .failed, error: error.description)
        }
        do {
            let outcome = try store.save(devlog, source: file.path)
            let kind: ImportReport.Outcome = switch outcome.change {
            case .inserted: .imported
            case .updated: .updated
            case .unchanged: .unchanged
            }
            return .init(path: file.path, outcome: kind, cycleID: outcome.id)
        } catch {
            // StoreError reads as one line; name the file in front of it.
            return .init(path: file.path, outcome: .failed, error: "\(file.path): \(error)")
        }
    }
}
