import Foundation

/// Writes the text files devlog keeps in a work tree (devlogs and their index) atomically: a
/// reader sees the old file or the new one, never half of one.
public enum WorkTreeFile {
    /// A file that could not be written; `reason` is the system's word for it.
    public struct WriteError: Error, CustomStringConvertible {
        /// The file (or its folder) that failed.
        public let path: String
        /// Why, as the system says it.
        public let reason: String

        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes `text` to `path`, creating missing folders. A file already holding exactly `text`
    /// is left alone (its modification time too, so editors and `make` see no change); returns
    /// whether anything was written.
    @discardableResult
    public static func write(_ text: String, to path: String) throws -> Bool {
        let data = Data(text.utf8)
        if FileManager.default.contents(atPath: path) == data { return false }
        let file = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: file, options: .atomic)
        } catch {
            throw WriteError(path: path, reason: (error as NSError).localizedDescription)
        }
        return true
    }
}
