/// Why a site could not be written: one line naming the folder or file and what to do.
public struct SiteError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case notOurs(String)
        case linkedFolder(String)
        case writeFailed(String, String)
    }

    private let code: Code

    /// The explanation, with what to do.
    public var description: String {
        switch code {
        case .notOurs(let path):
            "\(path): the folder is not empty and holds no \(SitePath.manifest), so it is not a site devlog wrote; name a new or empty folder"
        case .linkedFolder(let path):
            "\(path): is a symbolic link; the site writes only inside the folder it was given, so remove the link or name another folder"
        case .writeFailed(let path, let reason):
            "\(path): cannot write (\(reason)); check the folder is writable and the disk has room"
        }
    }

    static func notOurs(_ path: String) -> Self { Self(code: .notOurs(path)) }
    static func linkedFolder(_ path: String) -> Self { Self(code: .linkedFolder(path)) }
    static func writeFailed(_ path: String, reason: String) -> Self { Self(code: .writeFailed(path, reason)) }
}
