#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The two file-system calls import makes per file, straight to POSIX: Foundation's
/// `attributesOfItem` + `Data(contentsOf:)` and its URL enumerator with resource values cost
/// several times the read itself, a tenth of a 10,000-file import.
enum FileSystem {
    /// Why a file could not be read.
    enum ReadFailure: Error {
        /// It could not be opened, stat'ed or read.
        case unreadable
        /// It is larger than the limit; `size` in bytes.
        case tooLarge(size: Int)
    }

    /// The whole file, refused when larger than `limit` bytes.
    static func contents(of path: String, limit: Int) throws(ReadFailure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .unreadable }
        let size = Int(info.st_size)
        if size > limit { throw .tooLarge(size: size) }
        // One byte more than the size, so a file that grew while read is seen to go on.
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            if let got = readFully(descriptor, into: UnsafeMutableRawBufferPointer(buffer)) {
                count = got
            } else {
                count = 0
                failed = true
            }
        }
        guard !failed else { throw .unreadable }
        if bytes.count > size {
            if bytes.count > limit { throw .tooLarge(size: bytes.count) }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                guard let got = chunk.withUnsafeMutableBytes({ readFully(descriptor, into: $0) }) else { throw .unreadable }
                bytes += chunk[..<got]
                if bytes.count > limit { throw .tooLarge(size: bytes.count) }
                if got < chunk.count { break }
            }
        }
        return bytes
    }

    /// Reads until `buffer` is full or the file ends; the count read, `nil` on an error.
    private static func readFully(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        var total = 0
        while total < buffer.count {
            let got = read(descriptor, buffer.baseAddress! + total, buffer.count - total)
            if got < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if got == 0 { break }
            total += got
        }
        return total
    }

    /// The regular files under a directory, recursively, as paths relative to it; hidden entries
    /// and symbolic links are skipped, as Foundation's enumerator with `.skipsHiddenFiles` and
    /// `isRegularFile` did. `nil` when the directory cannot be opened.
    static func regularFiles(under directory: String) -> [String]? {
        var found: [String] = []
        guard walk(directory, relative: "", into: &found) else { return nil }
        return found
    }

    private static func walk(_ directory: String, relative: String, into found: inout [String]) -> Bool {
        guard let stream = opendir(directory) else { return false }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name.hasPrefix(".") { continue }
            let path = directory + "/" + name
            let shown = relative.isEmpty ? name : relative + "/" + name
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: type = UInt8(DT_DIR)
                case S_IFREG: type = UInt8(DT_REG)
                default: continue
                }
            }
            if type == UInt8(DT_DIR) {
                _ = walk(path, relative: shown, into: &found)
            } else if type == UInt8(DT_REG) {
                found.append(shown)
            }
        }
        return true
    }
}
