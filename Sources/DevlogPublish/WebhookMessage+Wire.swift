import Crypto
import Foundation

extension WebhookMessage {
    /// Whether the body is for executing (a new message) or editing one.
    enum WireMode { case execute, edit }

    /// The JSON object Discord receives, as `payload_json` or as the whole body.
    private struct Wire: Encodable {
        struct AllowedMentions: Encodable { let parse: [String] }
        struct Attachment: Encodable { let id: Int; let filename: String }

        let content: String?
        let embeds: [DiscordEmbed]?
        let username: String?
        let avatarURL: String?
        let threadName: String?
        let allowedMentions = AllowedMentions(parse: [])
        let attachments: [Attachment]?

        enum CodingKeys: String, CodingKey {
            case content, embeds, username, attachments
            case avatarURL = "avatar_url", threadName = "thread_name", allowedMentions = "allowed_mentions"
        }
    }

    /// The JSON payload; on edit, content, embeds and attachments are always sent so the edit
    /// replaces the whole message (username, avatar and thread name cannot be edited).
    func payloadJSON(_ mode: WireMode) throws -> Data {
        let attachments = files.enumerated().map { Wire.Attachment(id: $0.offset, filename: $0.element.safeName) }
        let wire: Wire = switch mode {
        case .execute:
            Wire(content: content, embeds: embeds.isEmpty ? nil : embeds, username: username,
                 avatarURL: avatarURL, threadName: threadName, attachments: attachments.isEmpty ? nil : attachments)
        case .edit:
            Wire(content: content ?? "", embeds: embeds, username: nil, avatarURL: nil, threadName: nil, attachments: attachments)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(wire)
    }

    /// The request body and its content type: JSON alone, or multipart/form-data with
    /// `payload_json` and `files[n]` when there are files.
    func body(_ mode: WireMode, boundary: String) throws -> (data: Data, contentType: String) {
        let json = try payloadJSON(mode)
        guard !files.isEmpty else { return (json, "application/json") }
        var data = Data()
        func append(_ text: String) { data.append(Data(text.utf8)) }
        append("--\(boundary)\r\nContent-Disposition: form-data; name=\"payload_json\"\r\nContent-Type: application/json\r\n\r\n")
        data.append(json)
        append("\r\n")
        for (index, file) in files.enumerated() {
            append("--\(boundary)\r\nContent-Disposition: form-data; name=\"files[\(index)]\"; filename=\"\(file.safeName)\"\r\n")
            append("Content-Type: \(file.contentType)\r\n\r\n")
            data.append(file.data)
            append("\r\n")
        }
        append("--\(boundary)--\r\n")
        return (data, "multipart/form-data; boundary=\(boundary)")
    }

    /// A stable fingerprint of everything this message would post, for change detection: the
    /// hex SHA-256 of each piece, each preceded by its length so concatenations stay distinct.
    public var contentHash: String {
        var hash = SHA256()
        func add(_ data: Data) {
            withUnsafeBytes(of: UInt64(data.count).littleEndian) { hash.update(bufferPointer: $0) }
            hash.update(data: data)
        }
        add((try? payloadJSON(.execute)) ?? Data())
        for file in files {
            add(Data(file.contentType.utf8))
            add(file.data)
        }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
