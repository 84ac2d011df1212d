import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes the text files devlog keeps in a work tree (devlogs and their index) the way git
/// writes work-tree files: into a temporary file beside the target, then renamed over it, so a
/// reader never sees half a file.
///
/// No `fsync`: Foundation's atomic write syncs each file, about 0.5 ms apiece and three per
/// cycle, and git syncs neither work-tree files nor loose objects by default. These files are
/// rendered from the store and committed; the store and the commit are what must survive a crash.
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
    /// is left alone (its modification time too); returns whether anything was written.
    @discardableResult
    public static func write(_ text: String, to path: String) throws -> Bool {
        let bytes = Array(text.utf8)
        if holds(bytes, path: path) { return false }
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        // Hidden, beside the target: the rename stays within one file system.
        let prefix = (folder.isEmpty ? "" : folder + "/") + ".\(name).tmp-"
        var created = NewFile.create(prefix: prefix, permissions: 0o666)
        // The folder is made only when missing: asking Foundation every time cost more than the write.
        if case .failure(let error) = created, error.code == ENOENT {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw WriteError(path: folder, reason: (error as NSError).localizedDescription)
            }
            created = NewFile.create(prefix: prefix, permissions: 0o666)
        }
        let temporary: String
        let descriptor: Int32
        switch created {
        case .success(let file): (descriptor, temporary) = file
        case .failure(let error): throw WriteError(path: path, reason: error.description)
        }
        let written = bytes.withUnsafeBytes { buffer in Descriptor.writeAll(buffer) { Glibc.write(descriptor, $0, $1) } }
        close(descriptor)
        guard written == 0, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(written != 0 ? written : errno))
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
        return true
    }

    /// Whether the file at `path` holds exactly `bytes` (false when it cannot be read).
    private static func holds(_ bytes: [UInt8], path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, Int(status.st_size) == bytes.count else { return false }
        // One byte more than the size, so a file that grew since the stat is seen to differ.
        var existing = [UInt8](repeating: 0, count: bytes.count + 1)
        let total = existing.withUnsafeMutableBytes { Descriptor.readFully(descriptor, into: $0) }
        return total == bytes.count && existing[..<bytes.count].elementsEqual(bytes)
    }
}
