import DevlogPublish
import Foundation
import Synchronization

/// An ``HTTPTransport`` that sends nothing: it records each request (redacted) and answers the
/// way Discord accepts it, so a dry run walks the same plan a real publish would.
final class DryRunTransport: HTTPTransport {
    private let recorded = Mutex<(requests: [DryRunRequest], nextID: UInt64)>(([], 0))

    /// The requests seen so far, in order.
    var requests: [DryRunRequest] { recorded.withLock { $0.requests } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let (json, files) = Self.payload(of: request)
        let id = recorded.withLock { state -> UInt64 in
            state.requests.append(DryRunRequest(method: request.method, url: request.redactedURL, json: json, files: files))
            state.nextID += 1
            return state.nextID
        }
        let path = URLComponents(string: request.url)?.path ?? ""
        let messageID = path.contains("/messages/") ? String(path.split(separator: "/").last ?? "0") : "\(9_000_000_000_000_000_000 + id)"
        switch request.method {
        case "DELETE":
            return HTTPResponse(status: 204)
        default:
            // channel_id is left out: a dry run must not pass for a real delivery anywhere.
            let body = try JSONSerialization.data(withJSONObject: ["id": messageID])
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: body)
        }
    }

    /// The JSON body, or the `payload_json` part and the files of a multipart body.
    static func payload(of request: HTTPRequest) -> (String?, [DryRunRequest.File]) {
        guard !request.body.isEmpty else { return (nil, []) }
        let contentType = request.headers["Content-Type"] ?? ""
        guard let boundary = contentType.components(separatedBy: "boundary=").dropFirst().first else {
            return (String(decoding: request.body, as: UTF8.self), [])
        }
        var json: String?
        var files: [DryRunRequest.File] = []
        let delimiter = Data("--\(boundary)".utf8)
        var parts: [Data] = []
        var rest = request.body[...]
        while let range = rest.firstRange(of: delimiter) {
            parts.append(Data(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        for part in parts.dropFirst() {
            guard let split = part.firstRange(of: Data("\r\n\r\n".utf8)) else { continue }
            let head = String(decoding: part[..<split.lowerBound], as: UTF8.self)
            var content = part[split.upperBound...]
            if content.suffix(2) == Data("\r\n".utf8) { content = content.dropLast(2) }
            if head.contains("name=\"payload_json\"") {
                json = String(decoding: content, as: UTF8.self)
            } else if let name = head.components(separatedBy: "filename=\"").dropFirst().first?.components(separatedBy: "\"").first {
                files.append(DryRunRequest.File(name: name, bytes: content.count))
            }
        }
        return (json, files)
    }
}
