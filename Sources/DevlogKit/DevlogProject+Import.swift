import DevlogImport
import DevlogModel
import DevlogStore
import Foundation
import Synchronization

extension DevlogProject {
    /// Imports files and folders (searched recursively). A bad file changes nothing and the
    /// others still land; a file reported imported is committed. `progress` is told after each
    /// file (its outcome, how many are done, of how many).
    ///
    /// Files are read, parsed and prepared for saving (``PreparedDevlog``) a batch ahead on the
    /// other cores while this thread saves the batch before, in one transaction: a bulk import is
    /// where a user waits.
    public func importFiles(_ paths: [String], progress: (ImportReport.Item, Int, Int) -> Void = { _, _, _ in }) -> ImportReport {
        let started = Date()
        let (files, problems) = InputFile.expand(paths)
        var report = ImportReport()
        for problem in problems {
            report.items.append(.init(path: problem.file, outcome: .failed, error: problem.description))
        }
        let batches = stride(from: 0, to: files.count, by: Self.parseAhead).map { files[$0..<min($0 + Self.parseAhead, files.count)] }
        var ahead = batches.first.map(ParsedBatch.init)
        for index in batches.indices {
            let parsed = ahead!.wait()
            ahead = index + 1 < batches.count ? ParsedBatch(batches[index + 1]) : nil
            for item in save(parsed, from: batches[index]) {
                report.items.append(item)
                progress(item, report.items.count - problems.count, files.count)
            }
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// How many files are parsed ahead of the one being saved.
    private static var parseAhead: Int { 32 }

    /// Files being read, parsed and prepared on every core, a batch ahead of the saving thread.
    private final class ParsedBatch: @unchecked Sendable {
        // @unchecked: `results` is written by the work item and read only after `wait()`.
        private var results: [Result<PreparedDevlog, ImportError>] = []
        private var work: DispatchWorkItem!

        init(_ files: ArraySlice<InputFile>) {
            work = DispatchWorkItem { [unowned self] in
                // On every core: while the saving thread waits for this batch, it lends its core.
                let parsed = Mutex([Result<PreparedDevlog, ImportError>?](repeating: nil, count: files.count))
                DispatchQueue.concurrentPerform(iterations: files.count) { index in
                    let file = files[files.startIndex + index]
                    let result = Result { () throws(ImportError) in PreparedDevlog(try file.read()) }
                    parsed.withLock { $0[index] = result }
                }
                results = parsed.withLock { $0.map { $0! } }
            }
            DispatchQueue.global().async(execute: work)
        }

        /// Each file's devlog or why not, in file order, once parsed.
        func wait() -> [Result<PreparedDevlog, ImportError>] {
            work.wait()
            return results
        }
    }

    /// Saves the files of a batch that parsed, together, and reports every file of it in order.
    private func save(_ parsed: [Result<PreparedDevlog, ImportError>], from files: ArraySlice<InputFile>) -> [ImportReport.Item] {
        var devlogs: [(devlog: PreparedDevlog, source: String)] = []
        for case (let file, .success(let devlog)) in zip(files, parsed) {
            devlogs.append((devlog, file.path))
        }
        var saved: [Result<SaveOutcome, any Error>]
        do {
            saved = try store.save(devlogs)
        } catch {
            saved = Array(repeating: .failure(error), count: devlogs.count)
        }
        var outcomes = saved.makeIterator()
        return zip(files, parsed).map { file, parsed in
            if case .failure(let error) = parsed { return .init(path: file.path, outcome: .failed, error: error.description) }
            switch outcomes.next()! {
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
}
