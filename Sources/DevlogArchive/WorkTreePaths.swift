#if canImport(Glibc)
import Glibc
#endif

/// Paths as `git status` names them: relative to the top level of the work tree, symbolic
/// links resolved. Found without running git, by looking for `.git` upwards as git does (devlog
/// clears the variables that would point git elsewhere). Plain C calls: Foundation's path
/// standardising cost more than the git command it serves.
struct WorkTreePaths {
    /// The work tree's top level, resolved; `nil` outside any work tree.
    let top: String?

    /// The work tree holding `directory`.
    init(directory: String) {
        var current = Self.resolved(directory)
        while access(current + "/.git", F_OK) != 0 {
            guard current != "/" else {
                top = nil
                return
            }
            current = Self.parent(of: current)
        }
        top = current
    }

    /// Those of `paths` inside the work tree, relative to its top level; they need not exist.
    func relative(_ paths: [String]) -> Set<String> {
        guard let top, !paths.isEmpty else { return [] }
        let prefix = top == "/" ? "/" : top + "/"
        return Set(paths.map(Self.resolved).filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) })
    }

    /// `path` made absolute, with its longest existing ancestor's links, `.` and `..` resolved.
    private static func resolved(_ path: String) -> String {
        var existing = path.hasPrefix("/") ? path : currentDirectory() + "/" + path
        var missing: [String] = []
        while true {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                let base = String(cString: real)
                return missing.reversed().reduce(base) { $0 == "/" ? "/" + $1 : $0 + "/" + $1 }
            }
            guard existing != "/" else { return path }
            missing.append(String(existing[existing.index(after: existing.lastIndex(of: "/")!)...]))
            existing = parent(of: existing)
        }
    }

    /// `path` without its last component; `/` for a top-level one.
    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    private static func currentDirectory() -> String {
        guard let cwd = getcwd(nil, 0) else { return "." }
        defer { free(cwd) }
        return String(cString: cwd)
    }
}
