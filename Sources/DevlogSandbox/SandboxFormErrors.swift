/// Field errors collected while checking a request body, written in Discord's nested
/// `{"errors": {"embeds": {"0": {"title": {"_errors": [...]}}}}}` shape (array indexes become string keys).
struct SandboxFormErrors: Sendable {
    /// One failed check: where, Discord's error code string, and its message.
    struct Entry: Sendable, Equatable {
        var path: [String]
        var code: String
        var message: String
    }

    private(set) var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }

    mutating func add(_ path: [String], code: String, message: String) {
        entries.append(Entry(path: path, code: code, message: message))
    }

    /// Checks `value` against Discord's "Must be N or fewer in length." limit.
    mutating func checkMaxLength(_ value: Int, limit: Int, at path: [String]) {
        if value > limit {
            add(path, code: "BASE_TYPE_MAX_LENGTH", message: "Must be \(limit) or fewer in length.")
        }
    }

    /// The `errors` object of a 50035 response.
    var tree: SandboxJSON {
        var root = SandboxJSON.object([:])
        for entry in entries {
            root = Self.inserting(entry, remaining: entry.path[...], into: root)
        }
        return root
    }

    private static func inserting(_ entry: Entry, remaining: ArraySlice<String>, into node: SandboxJSON) -> SandboxJSON {
        var members = node.objectValue ?? [:]
        if let key = remaining.first {
            members[key] = inserting(entry, remaining: remaining.dropFirst(), into: members[key] ?? .object([:]))
        } else {
            var list = members["_errors"]?.arrayValue ?? []
            list.append(["code": .string(entry.code), "message": .string(entry.message)])
            members["_errors"] = .array(list)
        }
        return .object(members)
    }
}
