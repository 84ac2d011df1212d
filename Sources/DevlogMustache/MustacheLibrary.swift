import Foundation

/// Named templates that reach each other as partials (`{{>name}}`) and parents (`{{<name}}`).
///
/// Build it from in-memory defaults, then let files override single names:
/// ```swift
/// var library = try MustacheLibrary(templates: ["report": reportSource, "task": taskSource])
/// try library.loadOverrides(fromDirectory: "templates")   // templates/task.mustache wins
/// let text = try library.render("report", context: value, escaping: .none)
/// ```
public struct MustacheLibrary: Sendable {
    /// The file extension `loadOverrides(fromDirectory:)` reads.
    public static let fileExtension = "mustache"

    private var templates: [String: MustacheTemplate] = [:]

    /// An empty library.
    public init() {}

    /// A library of templates compiled from `sources`, keyed by name.
    /// - Throws: `MustacheError` for the first source with a syntax error.
    public init(templates sources: [String: String]) throws(MustacheError) {
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            try register(source, named: name)
        }
    }

    /// The names of every template, sorted.
    public var names: [String] { templates.keys.sorted() }

    /// The template called `name`, or `nil`.
    public func template(named name: String) -> MustacheTemplate? { templates[name] }

    /// Compiles `source` and stores it under `name`, replacing any template of that name.
    /// - Parameters:
    ///   - source: The template text.
    ///   - name: The partial name other templates use.
    ///   - path: The name errors and misses show, e.g. a file path; defaults to `name`.
    public mutating func register(_ source: String, named name: String, path: String? = nil) throws(MustacheError) {
        templates[name] = try MustacheTemplate(source, name: path ?? name)
    }

    /// Replaces templates by the `NAME.mustache` files in `directory` (not recursive); names with
    /// no file keep their current template. Errors name the file path.
    /// - Returns: The names that were overridden, sorted.
    @discardableResult
    public mutating func loadOverrides(fromDirectory directory: String) throws(MustacheError) -> [String] {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .unreadableFile(directory, reason: "cannot list the directory; check that it exists and is readable")
        }
        var loaded: [String] = []
        for file in files.sorted() where file.hasSuffix("." + Self.fileExtension) {
            let name = String(file.dropLast(Self.fileExtension.count + 1))
            let path = (directory as NSString).appendingPathComponent(file)
            let source: String
            do {
                source = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw .unreadableFile(path, reason: "not readable UTF-8 text; check its permissions and encoding")
            }
            try register(source, named: name, path: path)
            loaded.append(name)
        }
        return loaded
    }

    /// Renders the template called `name`; `nil` when there is none.
    public func render(
        _ name: String, context: MustacheValue, escaping: MustacheEscaping = .html
    ) throws(MustacheError) -> String? {
        try templates[name]?.render(context, library: self, escaping: escaping)
    }

    /// Renders the template called `name`, recording names that resolved to nothing into
    /// `misses`; `nil` when there is no such template.
    public func render(
        _ name: String, context: MustacheValue, escaping: MustacheEscaping = .html,
        misses: inout [MustacheMiss]
    ) throws(MustacheError) -> String? {
        try templates[name]?.render(context, library: self, escaping: escaping, misses: &misses)
    }
}
