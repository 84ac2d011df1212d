/// Discord's documented limits for webhook messages, checked the way Discord reports them.
///
/// Lengths count Unicode code points (`unicodeScalars`), not UTF-16 units or grapheme clusters: Discord's
/// API is written in Python 3, whose `len()` counts code points, and a Discord engineer confirmed it in
/// discord-api-docs issue #1315 ("`\U0010FFFF \uffff` would be considered 3 characters").
enum SandboxValidator {
    static let maxContent = 2000
    static let maxEmbeds = 10
    static let maxTitle = 256
    static let maxDescription = 4096
    static let maxFields = 25
    static let maxFieldName = 256
    static let maxFieldValue = 1024
    static let maxFooterText = 2048
    static let maxAuthorName = 256
    static let maxEmbedTotal = 6000
    static let maxFiles = 10
    static let usernameLength = 1...80
    static let threadNameLength = 1...100
    /// Substrings Discord refuses in webhook usernames (case-insensitive).
    static let forbiddenUsernameParts = ["discord", "clyde"]

    /// Checks a parsed body and its files; throws the error Discord would answer with.
    static func draft(from payload: SandboxJSON, uploads: [SandboxUpload]) throws(SandboxAPIError) -> SandboxDraft {
        guard case .object(let body) = payload else {
            var errors = SandboxFormErrors()
            errors.add([], code: "MODEL_TYPE_CONVERT", message: "Only dictionaries may be used in a ModelType")
            throw .invalidFormBody(errors)
        }
        if uploads.count > maxFiles { throw .tooManyAttachments }

        var errors = SandboxFormErrors()
        var draft = SandboxDraft()
        // An explicit null clears the field (it matters to edits; a new message treats both as empty).
        draft.content = body["content"] == .null ? "" : string(body["content"], at: ["content"], errors: &errors)
        if let content = draft.content {
            errors.checkMaxLength(length(content), limit: maxContent, at: ["content"])
        }
        if let username = string(body["username"], at: ["username"], errors: &errors) {
            checkUsername(username, errors: &errors)
            draft.username = username
        }
        draft.avatarURL = string(body["avatar_url"], at: ["avatar_url"], errors: &errors)
        if let threadName = string(body["thread_name"], at: ["thread_name"], errors: &errors) {
            checkBadLength(threadName, range: threadNameLength, at: ["thread_name"], errors: &errors)
            draft.threadName = threadName
        }
        draft.embeds = body["embeds"] == .null ? [] : embeds(body["embeds"], errors: &errors)
        draft.keptAttachmentIDs = body["attachments"]?.arrayValue?.compactMap { attachment in
            attachment["id"]?.stringValue ?? attachment["id"]?.numberValue.map { String(Int64($0)) }
        }
        guard errors.isEmpty else { throw .invalidFormBody(errors) }
        return draft
    }

    /// True when a message with these parts would be empty in Discord's sense.
    static func isEmpty(content: String?, embeds: [SandboxJSON], attachmentCount: Int) -> Bool {
        (content ?? "").isEmpty && embeds.isEmpty && attachmentCount == 0
    }

    static func length(_ text: String) -> Int { text.unicodeScalars.count }

    private static func string(_ value: SandboxJSON?, at path: [String], errors: inout SandboxFormErrors) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default:
            errors.add(path, code: "BASE_TYPE_STRING", message: "Must be a string.")
            return nil
        }
    }

    private static func checkBadLength(
        _ text: String, range: ClosedRange<Int>, at path: [String], errors: inout SandboxFormErrors
    ) {
        if !range.contains(length(text)) {
            errors.add(
                path, code: "BASE_TYPE_BAD_LENGTH",
                message: "Must be between \(range.lowerBound) and \(range.upperBound) in length.")
        }
    }

    private static func checkUsername(_ username: String, errors: inout SandboxFormErrors) {
        checkBadLength(username, range: usernameLength, at: ["username"], errors: &errors)
        let lowered = username.lowercased()
        for part in forbiddenUsernameParts where lowered.contains(part) {
            errors.add(["username"], code: "USERNAME_INVALID_CONTAINS", message: "Username cannot contain \"\(part)\"")
        }
    }

    private static func embeds(_ value: SandboxJSON?, errors: inout SandboxFormErrors) -> [SandboxJSON]? {
        switch value {
        case nil, .null?: return nil
        case .array(let list)?:
            errors.checkMaxLength(list.count, limit: maxEmbeds, at: ["embeds"])
            var total = 0
            for (index, embed) in list.enumerated() {
                total += check(embed: embed, at: ["embeds", String(index)], errors: &errors)
            }
            if total > maxEmbedTotal {
                errors.add(
                    ["embeds"], code: "MAX_EMBED_SIZE_EXCEEDED",
                    message: "Embed size exceeds maximum size of \(maxEmbedTotal)")
            }
            return list.map(normalized)
        default:
            errors.add(["embeds"], code: "BASE_TYPE_ARRAY", message: "Must be an array.")
            return nil
        }
    }

    /// Checks one embed and returns the characters it adds to the 6000 total.
    private static func check(embed: SandboxJSON, at path: [String], errors: inout SandboxFormErrors) -> Int {
        guard case .object = embed else {
            errors.add(path, code: "MODEL_TYPE_CONVERT", message: "Only dictionaries may be used in a ModelType")
            return 0
        }
        var total = 0
        func measure(_ value: SandboxJSON?, limit: Int, at subpath: [String]) {
            guard let value else { return }
            guard case .string(let text) = value else {
                if value != .null {
                    errors.add(path + subpath, code: "BASE_TYPE_STRING", message: "Must be a string.")
                }
                return
            }
            total += length(text)
            errors.checkMaxLength(length(text), limit: limit, at: path + subpath)
        }
        measure(embed["title"], limit: maxTitle, at: ["title"])
        measure(embed["description"], limit: maxDescription, at: ["description"])
        measure(embed["footer"]?["text"], limit: maxFooterText, at: ["footer", "text"])
        measure(embed["author"]?["name"], limit: maxAuthorName, at: ["author", "name"])
        if let fields = embed["fields"]?.arrayValue {
            errors.checkMaxLength(fields.count, limit: maxFields, at: path + ["fields"])
            for (index, field) in fields.enumerated() {
                for (key, limit) in [("name", maxFieldName), ("value", maxFieldValue)] {
                    if field[key] == nil || field[key] == .null {
                        errors.add(
                            path + ["fields", String(index), key], code: "BASE_TYPE_REQUIRED",
                            message: "This field is required")
                    }
                    measure(field[key], limit: limit, at: ["fields", String(index), key])
                }
            }
        }
        return total
    }

    /// Discord answers with `type: "rich"` on every embed a webhook sends.
    private static func normalized(_ embed: SandboxJSON) -> SandboxJSON {
        guard case .object(var members) = embed else { return embed }
        if members["type"] == nil { members["type"] = "rich" }
        return .object(members)
    }
}

/// A checked execute or edit request: what the client asked to store, before it becomes a message.
struct SandboxDraft: Sendable {
    /// `nil` when the request did not mention the field (an edit then keeps the old value); an explicit
    /// `null` arrives as empty.
    var content: String?
    var embeds: [SandboxJSON]?
    var username: String?
    var avatarURL: String?
    var threadName: String?
    /// Ids listed in `attachments` (edits keep only these of the old attachments); `nil` when absent.
    var keptAttachmentIDs: [String]?
}
