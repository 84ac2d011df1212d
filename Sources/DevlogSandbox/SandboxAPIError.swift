/// An error answer in Discord's JSON shape (`{"code": …, "message": …, "errors"?: …}`), with the HTTP status
/// Discord pairs it with. Codes and messages are Discord's documented ones.
struct SandboxAPIError: Error, Sendable {
    var status: Int
    var code: Int
    var message: String
    var errors: SandboxJSON?

    var body: SandboxJSON {
        var members: [String: SandboxJSON] = ["code": .number(Double(code)), "message": .string(message)]
        if let errors { members["errors"] = errors }
        return .object(members)
    }

    static func invalidFormBody(_ errors: SandboxFormErrors) -> Self {
        Self(status: 400, code: 50035, message: "Invalid Form Body", errors: errors.tree)
    }

    static let emptyMessage = Self(status: 400, code: 50006, message: "Cannot send an empty message")
    static let invalidJSON = Self(status: 400, code: 50109, message: "The request body contains invalid JSON.")
    static let tooManyAttachments = Self(
        status: 400, code: 30015, message: "Maximum number of attachments in a message reached (10)")
    static let entityTooLarge = Self(status: 413, code: 40005, message: "Request entity too large")
    static let unknownWebhook = Self(status: 404, code: 10015, message: "Unknown Webhook")
    static let unknownMessage = Self(status: 404, code: 10008, message: "Unknown Message")
    static let invalidToken = Self(status: 401, code: 50027, message: "Invalid Webhook Token")
    static let notFound = Self(status: 404, code: 0, message: "404: Not Found")
    static let methodNotAllowed = Self(status: 405, code: 0, message: "405: Method Not Allowed")
}

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
