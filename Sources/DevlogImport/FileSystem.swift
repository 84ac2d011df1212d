import Foundation

/// The two file-system questions import asks: a file's bytes, within a size limit, and the
/// regular files under a folder.
enum FileSystem {
    /// Why a file could not be read.
    enum ReadFailure: Error {
        /// It could not be opened or read.
        case unreadable
        /// It is larger than the limit; `size` in bytes (at least).
        case tooLarge(size: Int)
    }

    /// The whole file, refused when larger than `limit` bytes.
    static func contents(of path: String, limit: Int) throws(ReadFailure) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable }
        defer { try? handle.close() }
        // One byte past the limit tells a file over it, even one that grew since it was listed.
        let data: Data
        do {
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            throw .unreadable
        }
        if data.count > limit {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int ?? data.count
            throw .tooLarge(size: max(size, data.count))
        }
        return [UInt8](data)
    }

    /// The regular files under a directory, recursively, as paths relative to it, in no
    /// particular order; hidden entries and symbolic links are skipped. `nil` when the directory
    /// cannot be read.
    static func regularFiles(under directory: String) -> [String]? {
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue,
              let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else { return nil }
        let prefix = root.standardizedFileURL.path + "/"
        var found: [String] = []
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            found.append(path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : url.lastPathComponent)
        }
        return found
    }
}
