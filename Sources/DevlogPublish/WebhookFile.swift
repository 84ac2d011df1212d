import Foundation

/// A file attached to a webhook message, sent as multipart `files[n]`.
public struct WebhookFile: Sendable, Equatable {
    /// The file name Discord shows, such as `DEVLOG-2026-11-28.md`.
    public var name: String
    /// The file's bytes (at most 10 MiB).
    public var data: Data
    /// The MIME type sent with the part.
    public var contentType: String

    /// Creates a file attachment.
    public init(name: String, data: Data, contentType: String = "text/markdown; charset=utf-8") {
        self.name = name
        self.data = data
        self.contentType = contentType
    }

    /// The name with quotes, slashes and control characters replaced, safe in a multipart header.
    var safeName: String {
        let cleaned = String(name.unicodeScalars.map { scalar -> Character in
            scalar.properties.generalCategory == .control || "\"\\/".unicodeScalars.contains(scalar) ? "_" : Character(scalar)
        })
        return cleaned.isEmpty ? "file" : cleaned
    }
}
