import Foundation

/// A small `multipart/form-data` reader (RFC 7578) for execute and edit requests: Discord takes the JSON
/// in a `payload_json` part and files in `files[n]` parts.
struct SandboxMultipart: Sendable {
    /// One part of the body.
    struct Part: Sendable {
        var name: String
        var filename: String?
        var contentType: String?
        var data: ArraySlice<UInt8>
    }

    var parts: [Part]

    /// The boundary from a `Content-Type` header, or `nil` when it is not multipart/form-data.
    static func boundary(contentType: String) -> String? {
        let mediaType = contentType.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces)
        guard mediaType.lowercased() == "multipart/form-data" else { return nil }
        return parameters(contentType).first { $0.key == "boundary" }?.value
    }

    /// Splits `body`; `nil` when it is not well-formed for `boundary`.
    init?(body: [UInt8], boundary: String) {
        let delimiter = Array("--\(boundary)".utf8)
        let separator = Array("\r\n--\(boundary)".utf8)
        let headerEnd: [UInt8] = Array("\r\n\r\n".utf8)
        guard var cursor = Self.find(delimiter, in: body, from: 0) else { return nil }
        cursor += delimiter.count
        var parts: [Part] = []
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body[cursor...].starts(with: Array("--".utf8)) { break }
            guard body[cursor...].starts(with: Array("\r\n".utf8)) else { return nil }
            cursor += 2
            guard let headersEnd = Self.find(headerEnd, in: body, from: cursor),
                let next = Self.delimiter(separator, in: body, from: headersEnd + headerEnd.count)
            else { return nil }
            let headerText = String(decoding: body[cursor..<headersEnd], as: UTF8.self)
            guard var part = Self.part(headers: headerText) else { return nil }
            part.data = body[(headersEnd + headerEnd.count)..<next]
            parts.append(part)
            cursor = next + separator.count
        }
        self.parts = parts
    }

    private static func part(headers: String) -> Part? {
        var part = Part(name: "", data: [])
        var named = false
        for line in headers.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let field = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            if field == "content-type" {
                part.contentType = value
            } else if field == "content-disposition" {
                for parameter in parameters(value) {
                    if parameter.key == "name" {
                        part.name = parameter.value
                        named = true
                    } else if parameter.key == "filename" {
                        part.filename = parameter.value
                    }
                }
            }
        }
        return named ? part : nil
    }

    /// `key=value` parameters after the first `;`, honouring quotes (filenames and boundaries may contain `;`).
    private static func parameters(_ value: String) -> [(key: String, value: String)] {
        var result: [(key: String, value: String)] = []
        var current = ""
        var inQuotes = false
        var previous: Character = " "
        for character in value + ";" {
            if character == "\"" && previous != "\\" { inQuotes.toggle() }
            if character == ";" && !inQuotes {
                let pair = current.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2 { result.append((pair[0].lowercased(), unquoted(pair[1]))) }
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        return result
    }

    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        return String(text.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
    }

    /// The next `CRLF--boundary` that really is a delimiter (followed by `--` or CRLF); text that merely
    /// starts like one inside a file is skipped.
    private static func delimiter(_ separator: [UInt8], in body: [UInt8], from start: Int) -> Int? {
        var from = start
        while let index = find(separator, in: body, from: from) {
            let after = body[(index + separator.count)...]
            if after.starts(with: Array("--".utf8)) || after.starts(with: Array("\r\n".utf8)) { return index }
            from = index + 1
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}
