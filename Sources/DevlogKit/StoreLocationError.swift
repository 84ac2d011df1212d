/// A `--db` value that names no store devlog can open: one line, without any password.
public struct StoreLocationError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, and what to give instead.
    public let description: String
}
