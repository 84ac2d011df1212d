/// A name that resolved to nothing during a render: the context lacks the key.
public struct MustacheMiss: Sendable, Hashable, CustomStringConvertible {
    /// The name as written in the tag (`task.title`).
    public var name: String
    /// The first dotted part that was not found (`title` when `task` exists but has no `title`).
    public var missingPart: String
    /// Where the tag is.
    public var location: MustacheLocation

    /// A miss of `missingPart` while resolving `name` at `location`.
    public init(name: String, missingPart: String, location: MustacheLocation) {
        self.name = name
        self.missingPart = missingPart
        self.location = location
    }

    /// `template:line:column: "name" has no value`.
    public var description: String {
        missingPart == name
            ? "\(location): \"\(name)\" has no value in the context"
            : "\(location): \"\(name)\" has no value in the context (\"\(missingPart)\" is missing)"
    }
}
