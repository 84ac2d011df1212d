import Foundation

/// The HTML page at `/`: the channel as Discord would roughly show it, newest message last, refreshed
/// every few seconds. Self-contained (inline CSS, no scripts, no external assets); everything a client
/// sent is escaped.
enum SandboxPage {
    static func html(messages: [SandboxMessage]) -> String {
        let live = messages.filter { !$0.isDeleted }
        let body = live.isEmpty
            ? "<p class=\"empty\">No messages yet. POST to a webhook URL to see them here.</p>"
            : live.map(message).joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="refresh" content="5">
            <title>devlog sandbox</title>
            <style>\(style)</style>
            </head>
            <body>
            <header># sandbox — \(live.count) message\(live.count == 1 ? "" : "s")</header>
            <main>
            \(body)
            </main>
            </body>
            </html>
            """
    }

    private static let style = """
        body{margin:0;background:#313338;color:#dbdee1;font:16px/1.375 "gg sans","Helvetica Neue",Helvetica,Arial,sans-serif}
        header{padding:12px 16px;border-bottom:1px solid #1f2023;font-weight:600;color:#f2f3f5}
        main{padding:8px 0}.empty{padding:16px;color:#949ba4}
        .message{display:flex;gap:16px;padding:8px 16px}.message:hover{background:#2e3035}
        .avatar{flex:none;width:40px;height:40px;border-radius:50%;background:#5865f2;color:#fff;display:flex;align-items:center;justify-content:center;font-weight:600}
        .meta{display:flex;gap:8px;align-items:baseline}.name{color:#f2f3f5;font-weight:500}
        .tag{background:#5865f2;color:#fff;font-size:10px;padding:0 4px;border-radius:3px}
        .time,.edited,.thread{color:#949ba4;font-size:12px}
        h1{font-size:24px;margin:8px 0 0}h2{font-size:20px;margin:8px 0 0}h3{font-size:16px;margin:8px 0 0}
        .subtext{font-size:12px;color:#949ba4}ul,ol{margin:4px 0;padding-left:24px}
        blockquote{margin:0;padding-left:12px;border-left:4px solid #4e5058}
        code{background:#2b2d31;border-radius:3px;padding:0 3px;font-family:Consolas,monospace;font-size:85%}
        pre{background:#2b2d31;border:1px solid #1e1f22;border-radius:4px;padding:8px;white-space:pre-wrap;margin:4px 0}
        pre code{background:none;padding:0}.spoiler{background:#1e1f22;color:#1e1f22}.spoiler:hover{color:inherit}
        .embed{max-width:520px;margin-top:4px;background:#2b2d31;border-left:4px solid #1e1f22;border-radius:4px;padding:8px 16px 16px 12px}
        .embed-author{font-size:14px;font-weight:600;margin-top:8px}.embed-title{font-weight:600;color:#00a8fc;margin-top:8px}
        .embed-description{font-size:14px;margin-top:8px}.fields{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px}
        .field{flex:1 1 100%;font-size:14px}.field.inline{flex:1 1 30%}.field-name{font-weight:600}
        .embed-footer{font-size:12px;color:#949ba4;margin-top:8px}
        .attachment{margin-top:4px;display:inline-block;background:#2b2d31;border:1px solid #1e1f22;border-radius:8px;padding:8px 12px;font-size:14px}
        """

    private static func message(_ message: SandboxMessage) -> String {
        let initial = message.username.first.map { escape(String($0).uppercased()) } ?? "?"
        var parts = [
            "<article class=\"message\" id=\"m\(escape(message.id))\">",
            "<div class=\"avatar\">\(initial)</div><div class=\"body\">",
            "<div class=\"meta\"><span class=\"name\">\(escape(message.username))</span><span class=\"tag\">BOT</span>"
                + "<span class=\"time\">\(escape(SandboxMessage.discordTimestamp(message.timestamp)))</span>"
                + (message.editCount > 0 ? "<span class=\"edited\">(edited)</span>" : "")
                + (message.threadID.map { "<span class=\"thread\">in thread \(escape(message.threadName ?? $0))</span>" } ?? "")
                + "</div>",
        ]
        if !message.content.isEmpty {
            parts.append("<div class=\"content\">\(SandboxMarkdown.html(message.content))</div>")
        }
        parts += message.embeds.map(embed)
        parts += message.attachments.map {
            "<div class=\"attachment\">📎 \(escape($0.filename)) <span class=\"time\">\($0.size) bytes</span></div>"
        }
        parts.append("</div></article>")
        return parts.joined(separator: "\n")
    }

    private static func embed(_ embed: SandboxJSON) -> String {
        let color = embed["color"]?.numberValue.map { Int($0) & 0xFF_FFFF } ?? 0x1E1F22
        let hex = String(color, radix: 16)
        var parts = ["<div class=\"embed\" style=\"border-left-color:#\(String(repeating: "0", count: 6 - hex.count) + hex)\">"]
        if let name = embed["author"]?["name"]?.stringValue {
            parts.append("<div class=\"embed-author\">\(escape(name))</div>")
        }
        if let title = embed["title"]?.stringValue {
            parts.append("<div class=\"embed-title\">\(escape(title))</div>")
        }
        if let description = embed["description"]?.stringValue {
            parts.append("<div class=\"embed-description\">\(SandboxMarkdown.html(description))</div>")
        }
        if let fields = embed["fields"]?.arrayValue, !fields.isEmpty {
            parts.append("<div class=\"fields\">")
            for field in fields {
                let inline = field["inline"] == .bool(true) ? " inline" : ""
                parts.append(
                    "<div class=\"field\(inline)\"><div class=\"field-name\">\(escape(field["name"]?.stringValue ?? ""))</div>"
                        + "<div>\(SandboxMarkdown.html(field["value"]?.stringValue ?? ""))</div></div>")
            }
            parts.append("</div>")
        }
        let footer = [embed["footer"]?["text"]?.stringValue, embed["timestamp"]?.stringValue].compactMap { $0 }
        if !footer.isEmpty {
            parts.append("<div class=\"embed-footer\">\(footer.map(escape).joined(separator: " • "))</div>")
        }
        parts.append("</div>")
        return parts.joined(separator: "\n")
    }

    private static func escape(_ text: String) -> String { SandboxMarkdown.escape(text) }
}
