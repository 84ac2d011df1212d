import DevlogModel
import Yams

/// Reads a YAML/JSON node tree into values, tracking the field path and line for errors and
/// refusing fields the schema does not know (a typo must not be dropped in silence). Cycle files
/// and the config file (`DevlogKit`'s `ConfigFile`) are both read through it.
package struct NodeReader {
    package let node: Node
    package let path: String
    package let file: String

    /// A reader of `node`, found at field `path` (`""` for the root) of `file`.
    package init(node: Node, path: String, file: String) {
        self.node = node
        self.path = path
        self.file = file
    }

    /// The largest scalar accepted, so a runaway field is refused rather than stored.
    static let maximumFieldBytes = 1 << 20

    var line: Int? { node.mark?.line }

    /// An error at this node: the file, its line and field, and `message`.
    package func error(_ message: String) -> ImportError {
        ImportError(file: file, line: line, field: path.isEmpty ? nil : path, message: message)
    }

    /// One line of text; numbers and booleans come as written. Line breaks at the end (a `|`
    /// block's last one) are dropped; any other control character is refused, so the value stays
    /// one line of the devlog (a line feed would start a forged one).
    package func string() throws(ImportError) -> String {
        var text = try scalarText()
        while text.utf8.last == UInt8(ascii: "\n") { text.removeLast() }
        if let scalar = ControlCharacters.firstInLine(text) {
            throw error(scalar == "\n" || scalar == "\r"
                ? "line break in a one-line field; write the value on one line (a custom section's lines take several)"
                : "control character \(ControlCharacters.name(scalar)) is not allowed; remove it")
        }
        return text
    }

    /// Text of several lines (a code block's body): line breaks and tabs kept, other control
    /// characters refused.
    func multilineString() throws(ImportError) -> String {
        let text = try scalarText()
        if let scalar = text.unicodeScalars.first(where: { ControlCharacters.isControl($0) && $0 != "\n" && $0 != "\t" }) {
            throw error("control character \(ControlCharacters.name(scalar)) is not allowed; remove it")
        }
        return text
    }

    /// An id (agent, mission): one line without any control character, since it names files,
    /// commits and the cycle itself.
    func id() throws(ImportError) -> String {
        let text = try scalarText()
        if let scalar = ControlCharacters.firstInID(text) {
            throw error("control character \(ControlCharacters.name(scalar)) is not allowed in an id; use letters, digits and punctuation")
        }
        return text
    }

    private func scalarText() throws(ImportError) -> String {
        guard case .scalar(let scalar) = node else {
            throw error("expected text, found \(kindName); write it as a single value")
        }
        guard scalar.string.utf8.count <= Self.maximumFieldBytes else {
            throw error("field is \(scalar.string.utf8.count / 1024) KiB, over the \(Self.maximumFieldBytes / 1024) KiB limit; shorten it or link to a file")
        }
        return scalar.string
    }

    /// A finite number, for fields that must hold one (`1e400` and `nan` are not).
    func number() throws(ImportError) -> Double {
        let text = try string()
        guard let value = Double(text.trimmingWhitespace().replacingPercent()), value.isFinite else {
            throw error("expected a number, found \"\(text.prefix(40))\"")
        }
        return value
    }

    /// A status the vocabulary knows.
    func status() throws(ImportError) -> Status {
        let text = try string()
        guard let status = Status(parsing: text), status.state != .unknown else {
            let names = Status.State.allCases.filter { $0 != .unknown }.map(\.displayName).joined(separator: ", ")
            throw error("unknown status \"\(text.prefix(40))\"; use one of \(names.lowercased())")
        }
        return status
    }

    /// The items of a sequence.
    func items() throws(ImportError) -> [NodeReader] {
        guard case .sequence(let sequence) = node else {
            throw error("expected a list, found \(kindName); write it as a list of items")
        }
        return sequence.enumerated().map { NodeReader(node: $1, path: "\(path)[\($0)]", file: file) }
    }

    /// The key/value pairs of a mapping, in written order, refusing keys outside `allowed`
    /// (`nil` allows any key: user-chosen labels).
    package func pairs(allowed: Set<String>? = nil) throws(ImportError) -> [(key: String, value: NodeReader)] {
        guard case .mapping(let mapping) = node else {
            throw error("expected a mapping of names to values, found \(kindName)")
        }
        var result: [(key: String, value: NodeReader)] = []
        for (keyNode, valueNode) in mapping {
            let key = try NodeReader(node: keyNode, path: path, file: file).string()
            let child = NodeReader(node: valueNode, path: path.isEmpty ? key : "\(path).\(key)", file: file)
            if let allowed, !allowed.contains(key) {
                throw child.error("unknown field; expected one of \(allowed.sorted().joined(separator: ", "))")
            }
            result.append((key, child))
        }
        return result
    }

    /// The named children of a mapping, checking names against `allowed`.
    func fields(_ allowed: Set<String>) throws(ImportError) -> [String: NodeReader] {
        var result: [String: NodeReader] = [:]
        for (key, value) in try pairs(allowed: allowed) { result[key] = value }
        return result
    }

    private var kindName: String {
        switch node {
        case .scalar: "a single value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}

private extension String {
    func replacingPercent() -> String { hasSuffix("%") ? String(dropLast()) : self }
}
