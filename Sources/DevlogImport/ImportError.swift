/// Why an input file (a cycle file, or the config file) could not be used: one line naming the
/// file, the line or field, and what to do. Nothing is stored when it is thrown.
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, as the user named it.
    public let file: String
    /// The 1-based line, when known.
    public let line: Int?
    /// The field path (`tasks[2].status`), when the problem is in a field.
    public let field: String?
    /// What is wrong and what to do.
    public let message: String

    /// An import error.
    public init(file: String, line: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `cycle.yaml:14: tasks[2].status: unknown status "donee"; use one of …`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let field { text += "\(field): " }
        return text + message
    }
}
