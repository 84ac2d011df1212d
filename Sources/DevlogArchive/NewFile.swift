import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Creates files under names no other file has, close-on-exec from the start (`mkostemp` is
/// not visible from Swift here, and `mkstemp` leaves a window in which a child spawned by
/// another thread inherits the descriptor).
enum NewFile {
    /// Numbers this process's names; with the process id they are unique among live processes.
    private static let counter = Atomic<Int>(0)

    /// Opens a new file `prefix<pid>-<n>` for reading and writing with `permissions` (less the
    /// umask); returns its descriptor and path, or the `errno` that stopped it.
    static func create(prefix: String, permissions: mode_t) -> Result<(descriptor: Int32, path: String), Errno> {
        while true {
            let number = counter.add(1, ordering: .relaxed).newValue
            let path = "\(prefix)\(getpid())-\(number)"
            let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
            if descriptor >= 0 { return .success((descriptor, path)) }
            // A name left by an earlier process with this id: take the next number.
            if errno != EEXIST && errno != EINTR { return .failure(Errno(code: errno)) }
        }
    }

    /// An `errno` value that can travel in a `Result`.
    struct Errno: Error, CustomStringConvertible {
        let code: Int32
        var description: String { String(cString: strerror(code)) }
    }
}
