import DevlogImport
import Foundation

extension DevlogProject {
    /// Imports files and folders (searched recursively): each file in its own transaction, so a
    /// bad file changes nothing and the others still land. `progress` is told after each file
    /// (done, total).
    public func importFiles(_ paths: [String], progress: (Int, Int) -> Void = { _, _ in }) -> ImportReport {
        let started = Date()
        var report = ImportReport()
        let (files, problems) = InputFile.expand(paths)
        for problem in problems {
            report.items.append(.init(path: problem.file, outcome: .failed, error: problem.description))
        }
        for (index, file) in files.enumerated() {
            report.items.append(importFile(file))
            progress(index + 1, files.count)
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    private func importFile(_ file: InputFile) -> ImportReport.Item {
        do {
            let devlog = try file.read()
            let outcome = try store.save(devlog, source: file.path)
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
