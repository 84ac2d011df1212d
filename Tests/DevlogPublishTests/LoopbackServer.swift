import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 server on 127.0.0.1 for tests, written on POSIX sockets: keep-alive,
/// Content-Length bodies, one thread per connection. Its handler decides each reply, which
/// makes it the fault injector too (delays, connections closed before or after handling).
final class LoopbackServer: Sendable {
    /// One request as received.
    struct Request: Sendable {
        let method: String
        /// Path and query, as sent.
        let target: String
        /// Header fields with lowercased names.
        let headers: [String: String]
        let body: Data
        /// Which accepted connection carried it, from 1.
        let connection: Int
        let receivedAt: ContinuousClock.Instant

        var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }
        var query: [String: String] {
            guard let query = target.split(separator: "?", maxSplits: 1).dropFirst().first else { return [:] }
            return Dictionary(query.split(separator: "&").map {
                let pair = $0.split(separator: "=", maxSplits: 1)
                return (String(pair[0]), pair.count > 1 ? String(pair[1]) : "")
            }, uniquingKeysWith: { $1 })
        }
    }

    /// What to do with a request.
    enum Reply: Sendable {
        /// Answer after `delay`.
        case respond(status: Int, headers: [(String, String)] = [], body: Data = Data(), delay: Duration = .zero)
        /// Close the connection after `delay` without answering.
        case close(delay: Duration = .zero)
    }

    typealias Handler = @Sendable (Request) -> Reply

    private struct State {
        var requests: [Request] = []
        var connections = 0
        var openSockets: Set<Int32> = []
        var stopped = false
    }

    let port: Int
    private let listener: Int32
    private let handler: Handler
    private let state = Mutex(State())

    /// Starts listening on an ephemeral port of 127.0.0.1.
    init(handler: @escaping Handler) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        self.handler = handler
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Answers requests from `script` in order; once it runs out, repeats its last reply.
    convenience init(script: [Reply]) throws {
        let queue = Mutex(script)
        try self.init { _ in
            queue.withLock { replies in replies.count > 1 ? replies.removeFirst() : replies.first ?? .respond(status: 500) }
        }
    }

    deinit { stop() }

    /// `http://127.0.0.1:PORT`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far.
    var requests: [Request] { state.withLock { $0.requests } }

    /// TCP connections accepted so far.
    var connectionCount: Int { state.withLock { $0.connections } }

    /// Stops accepting and closes every connection.
    func stop() {
        let sockets = state.withLock { state -> Set<Int32> in
            guard !state.stopped else { return [] }
            state.stopped = true
            return state.openSockets
        }
        shutdown(listener, Int32(SHUT_RDWR))
        for socket in sockets { shutdown(socket, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if state.withLock({ $0.stopped }) { close(listener); return }
                continue
            }
            let number = state.withLock { state -> Int in
                state.connections += 1
                state.openSockets.insert(client)
                return state.connections
            }
            let thread = Thread { [self] in serve(client, number: number) }
            thread.start()
        }
    }

    private func serve(_ socket: Int32, number: Int) {
        defer {
            state.withLock { _ = $0.openSockets.remove(socket) }
            close(socket)
        }
        var buffer = Data()
        while let request = readRequest(socket, buffer: &buffer, connection: number) {
            state.withLock { $0.requests.append(request) }
            switch handler(request) {
            case .close(let delay):
                Thread.sleep(forTimeInterval: seconds(delay))
                return
            case .respond(let status, let headers, let body, let delay):
                Thread.sleep(forTimeInterval: seconds(delay))
                var head = "HTTP/1.1 \(status) \(status < 400 ? "OK" : "Error")\r\n"
                for (name, value) in headers { head += "\(name): \(value)\r\n" }
                head += "Content-Length: \(body.count)\r\n\r\n"
                guard write(socket, Data(head.utf8) + body) else { return }
            }
        }
    }

    private func readRequest(_ socket: Int32, buffer: inout Data, connection: Int) -> Request? {
        let separator = Data("\r\n\r\n".utf8)
        while buffer.range(of: separator) == nil {
            guard receive(socket, into: &buffer) else { return nil }
        }
        let headEnd = buffer.range(of: separator)!
        let head = String(decoding: buffer[buffer.startIndex..<headEnd.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        let bodyStart = headEnd.upperBound
        while buffer.distance(from: bodyStart, to: buffer.endIndex) < length {
            guard receive(socket, into: &buffer) else { return nil }
        }
        let bodyEnd = buffer.index(bodyStart, offsetBy: length)
        let body = Data(buffer[bodyStart..<bodyEnd])
        buffer = Data(buffer[bodyEnd...])
        return Request(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body,
                       connection: connection, receivedAt: ContinuousClock.now)
    }

    private func receive(_ socket: Int32, into buffer: inout Data) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = recv(socket, &chunk, chunk.count, 0)
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    private func write(_ socket: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                // MSG_NOSIGNAL: a client that hung up must not kill the test process with SIGPIPE.
                let sent = send(socket, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                if sent <= 0 { return false }
                offset += sent
            }
            return true
        }
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
