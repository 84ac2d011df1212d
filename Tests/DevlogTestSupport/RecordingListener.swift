import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A TCP listener on 127.0.0.1 that records the head of every request it receives and answers
/// each with one canned HTTP response: a stand-in for a server a request must not reach (a proxy
/// from the environment) or, when it does reach it, for what that server saw.
public final class RecordingListener: Sendable {
    /// The port it listens on, chosen by the system.
    public let port: UInt16
    private let socket: Int32
    private let received = Mutex<[String]>([])

    /// Starts listening; every connection gets `response` and is closed.
    public init(response: String = "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n") throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && listen(socket, 16) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else {
            let code = errno
            close(socket)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
        self.socket = socket
        port = UInt16(bigEndian: address.sin_port)
        let reply = Array(response.utf8)
        // A thread of its own: accept blocks, and must not hold a thread of the cooperative pool.
        Thread { [self] in
            while true {
                let client = accept(socket, nil, nil)
                guard client >= 0 else { break }
                received.withLock { $0.append(Self.readHead(client)) }
                _ = reply.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                close(client)
            }
            // The socket is closed here, after the last accept, so its number is never reused under it.
            close(socket)
        }.start()
    }

    /// The head (request line and headers) of every request received so far, oldest first.
    public var requests: [String] { received.withLock { $0 } }

    /// Stops accepting connections.
    public func stop() {
        shutdown(socket, Int32(SHUT_RDWR))
    }

    /// Reads up to the blank line that ends the headers, the peer's end, or 2 seconds of silence.
    private static func readHead(_ client: Int32) -> String {
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while data.count < 65_536, data.range(of: Data("\r\n\r\n".utf8)) == nil {
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            data.append(contentsOf: buffer[..<count])
        }
        return String(decoding: data, as: UTF8.self)
    }
}
