public import DevlogMustache

/// The templates `devlog` ships: compiled into the binary, and the same files in templates/.
public enum DefaultTemplates {
    /// The name of the template that renders a whole devlog.
    public static let root = "devlog"

    /// The default templates by name (`devlog`, `line`, `section`, one per section kind…).
    public static var all: [String: String] { sources }

    /// A library of the default templates.
    public static func library() throws(MustacheError) -> MustacheLibrary {
        try MustacheLibrary(templates: sources)
    }
}
