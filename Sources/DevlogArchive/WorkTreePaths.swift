import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Paths as `git status` names them: relative to the top level of the work tree, symbolic
/// links resolved. Found without running git, by looking for `.git` upwards as git does (devlog
/// clears the variables that would point git elsewhere).
struct WorkTreePaths {
    /// The work tree's top level, resolved; `nil` outside any work tree.
    let top: String?

    /// The work tree holding `directory`.
    init(directory: URL) {
        var current = Self.resolved(directory.path)
        while true {
            if access(current + "/.git", F_OK) == 0 {
                top = current
                return
            }
            if current == "/" || current.isEmpty {
                top = nil
                return
            }
            current = (current as NSString).deletingLastPathComponent
        }
    }

    /// Those of `paths` inside the work tree, relative to its top level; they need not exist.
    func relative(_ paths: [String]) -> Set<String> {
        guard let top, !paths.isEmpty else { return [] }
        let prefix = top == "/" ? "/" : top + "/"
        return Set(paths.map(Self.resolved).filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) })
    }

    /// `path` made absolute with its longest existing ancestor's links resolved.
    private static func resolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var existing = (absolute as NSString).standardizingPath
        var rest: [String] = []
        while existing != "/" {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                return ([String(cString: real)] + rest.reversed()).joined(separator: "/").replacingOccurrences(of: "//", with: "/")
            }
            rest.append((existing as NSString).lastPathComponent)
            existing = (existing as NSString).deletingLastPathComponent
        }
        return "/" + rest.reversed().joined(separator: "/")
    }
}
