import Foundation

extension SandboxMessage {
    /// The message object Discord returns from execute (`wait=true`), get and edit.
    var discordJSON: SandboxJSON {
        var members: [String: SandboxJSON] = [
            "id": .string(id),
            "type": 0,
            "content": .string(content),
            "channel_id": .string(channelID),
            "author": [
                "id": .string(webhookID), "username": .string(username),
                "avatar": avatarURL.map(SandboxJSON.string) ?? .null, "discriminator": "0000",
                "public_flags": 0, "flags": 0, "bot": true, "global_name": .null,
            ],
            "attachments": .array(attachments.map { attachment in
                [
                    "id": .string(attachment.id), "filename": .string(attachment.filename),
                    "size": .number(Double(attachment.size)),
                    "url": .string("https://cdn.discordapp.com/attachments/\(channelID)/\(attachment.id)/\(attachment.filename)"),
                    "proxy_url": .string("https://media.discordapp.net/attachments/\(channelID)/\(attachment.id)/\(attachment.filename)"),
                    "content_type": attachment.contentType.map(SandboxJSON.string) ?? .null,
                ]
            }),
            "embeds": .array(embeds),
            "mentions": [], "mention_roles": [], "components": [],
            "pinned": false, "mention_everyone": false, "tts": false,
            "timestamp": .string(Self.discordTimestamp(timestamp)),
            "edited_timestamp": editedTimestamp.map { .string(Self.discordTimestamp($0)) } ?? .null,
            "flags": 0,
            "webhook_id": .string(webhookID),
        ]
        if threadID != nil { members["position"] = 0 }
        return .object(members)
    }

    /// The record `GET /messages` lists: what arrived and what happened to it since.
    var introspectionJSON: SandboxJSON {
        [
            "id": .string(id),
            "webhook_id": .string(webhookID),
            "channel_id": .string(channelID),
            "thread_id": threadID.map(SandboxJSON.string) ?? .null,
            "thread_name": threadName.map(SandboxJSON.string) ?? .null,
            "username": .string(username),
            "content": .string(content),
            "embeds": .array(embeds),
            "attachments": .array(attachments.map { ["filename": .string($0.filename), "size": .number(Double($0.size))] }),
            "timestamp": .string(Self.discordTimestamp(timestamp)),
            "edited_timestamp": editedTimestamp.map { .string(Self.discordTimestamp($0)) } ?? .null,
            "edit_count": .number(Double(editCount)),
            "deleted": .bool(isDeleted),
        ]
    }

    /// ISO 8601 with microseconds and `+00:00`, the way Discord writes timestamps.
    static func discordTimestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let micros = Int((date.timeIntervalSince1970 - date.timeIntervalSince1970.rounded(.down)) * 1_000_000)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T"
            + "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2)).\(pad(micros, 6))+00:00"
    }
}
