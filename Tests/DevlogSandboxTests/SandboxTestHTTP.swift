import Foundation
@testable import DevlogSandbox

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bare HTTP/1.1 client over a POSIX socket, so sandbox tests see exactly what went over the wire:
/// no retries, no connection reuse, and a dropped connection shows as such instead of as a library error.
enum SandboxTestHTTP {
    /// What the server did with one request.
    enum Outcome: Sendable {
        case answered(Reply)
        case closedWithoutAnswer
        case timedOut
    }

    /// A parsed answer.
    struct Reply: Sendable {
        var status: Int
        /// Header names lowercased.
        var headers: [String: String]
        /// The status and header lines as they came, names spelled as the server wrote them.
        var head: String
        var body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }
        var json: SandboxJSON? { SandboxJSON(parsing: Data(body)) }
        var rateLimitHeaders: [String] { headers.keys.filter { $0.hasPrefix("x-ratelimit-") }.sorted() }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends one request with `Connection: close` and reads until the server closes. The socket work
    /// runs on its own thread: blocking a concurrency-pool thread (two on a two-core machine) could starve
    /// the server's handlers, which run on that pool too.
    static func exchange(
        _ method: String, _ base: URL, _ path: String, body: [UInt8] = [], contentType: String? = "application/json",
        timeout: Double = 30
    ) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result {
                    try blockingExchange(method, base, path, body: body, contentType: contentType, timeout: timeout)
                })
            }.start()
        }
    }

    private static func blockingExchange(
        _ method: String, _ base: URL, _ path: String, body: [UInt8], contentType: String?, timeout: Double
    ) throws -> Outcome {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(base.port ?? 80).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(description: "connect() failed") }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: .init((timeout - timeout.rounded(.down)) * 1_000_000))
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))

        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        let request = Array((head + "\r\n").utf8) + body
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { break }  // the server may close early (drop faults); reading tells
            sent += count
        }

        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += buffer[0..<count]
            } else if count == 0 {
                break
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                return .timedOut
            } else {
                break  // connection reset: no answer either
            }
        }
        guard !received.isEmpty else { return .closedWithoutAnswer }
        return .answered(try parse(received))
    }

    /// Like ``exchange(_:_:_:body:contentType:timeout:)`` but fails the test unless there is an answer.
    static func request(
        _ method: String, _ base: URL, _ path: String, body: [UInt8] = [], contentType: String? = "application/json"
    ) async throws -> Reply {
        guard case .answered(let reply) = try await exchange(method, base, path, body: body, contentType: contentType) else {
            throw Failure(description: "\(method) \(path): no answer")
        }
        return reply
    }

    /// Sends `json` to `path`.
    static func request(_ method: String, _ base: URL, _ path: String, json: SandboxJSON) async throws -> Reply {
        try await request(method, base, path, body: Array(json.serialized.utf8))
    }

    /// A multipart/form-data body with a `payload_json` part (when given) and file parts `files[n]`.
    static func multipart(
        payload: SandboxJSON?, files: [(name: String, bytes: [UInt8])], boundary: String = "sandbox-boundary-7MA4YWxk"
    ) -> (body: [UInt8], contentType: String) {
        var body: [UInt8] = []
        if let payload {
            body += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"payload_json\"\r\nContent-Type: application/json\r\n\r\n"
                    .utf8) + Array(payload.serialized.utf8) + Array("\r\n".utf8)
        }
        for (index, file) in files.enumerated() {
            body += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"files[\(index)]\"; filename=\"\(file.name)\"\r\nContent-Type: text/plain\r\n\r\n"
                    .utf8) + file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    private static func parse(_ bytes: [UInt8]) throws -> Reply {
        let separator = Array("\r\n\r\n".utf8)
        guard let end = (0...(bytes.count - separator.count)).first(where: { bytes[$0..<($0 + 4)].elementsEqual(separator) })
        else { throw Failure(description: "no header end in answer") }
        let head = String(decoding: bytes[0..<end], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line \(lines[0])")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(bytes[(end + 4)...])
        if headers["transfer-encoding"] == "chunked" { body = dechunked(body) }
        return Reply(status: status, headers: headers, head: head, body: body)
    }

    private static func dechunked(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard let lineEnd = (index..<(bytes.count - 1)).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 }),
                let size = Int(String(decoding: bytes[index..<lineEnd], as: UTF8.self), radix: 16), size > 0
            else { break }
            result += bytes[(lineEnd + 2)..<(lineEnd + 2 + size)]
            index = lineEnd + 2 + size + 2
        }
        return result
    }
}

/// Webhook paths the sandbox tests use.
enum SandboxTestPaths {
    static let hook = DiscordSandbox.Configuration.defaultWebhook
    static let execute = "/api/v10/webhooks/\(hook.id)/\(hook.token)"
    static let executeWaiting = execute + "?wait=true"
    static func message(_ id: String) -> String { "\(execute)/messages/\(id)" }

    /// A configuration whose limits never get in the way of tests that are not about them.
    static var roomy: DiscordSandbox.Configuration {
        var configuration = DiscordSandbox.Configuration()
        configuration.bucketLimit = 1000
        configuration.channelLimitPerMinute = 1000
        return configuration
    }
}
