@testable import DevlogPublish
import Foundation
import Testing

@Suite("CurlTransport against a loopback server")
struct CurlTransportTests {
    let capture = LogCapture()

    func transport(timeout: Duration = .seconds(5)) throws -> CurlTransport {
        try CurlTransport(configuration: .init(connectTimeout: .seconds(2), requestTimeout: timeout), logger: capture.logger())
    }

    @Test("several requests reuse one TCP connection (keep-alive)")
    func keepAlive() async throws {
        let server = try LoopbackServer(script: [.respond(status: 200, body: Data("ok".utf8))])
        let transport = try transport()
        for number in 1...4 {
            let response = try await transport.send(HTTPRequest(method: "GET", url: "\(server.baseURL)/n/\(number)"))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == "ok")
        }
        #expect(server.requests.map(\.path) == ["/n/1", "/n/2", "/n/3", "/n/4"])
        #expect(server.connectionCount == 1)
        #expect(Set(server.requests.map(\.connection)) == [1])
    }

    @Test("method, headers and body arrive as sent; response headers are read case-insensitively")
    func requestAndResponseShape() async throws {
        let server = try LoopbackServer(script: [.respond(status: 201, headers: [("x-RateLimit-REMAINING", "4"), ("Content-Type", "application/json")], body: Data("{}".utf8))])
        let transport = try transport()
        for method in ["POST", "PATCH", "DELETE", "GET"] {
            let body = method == "GET" || method == "DELETE" ? Data() : Data("{\"m\":\"\(method)\"}".utf8)
            let response = try await transport.send(HTTPRequest(method: method, url: "\(server.baseURL)/x", headers: ["Content-Type": "application/json", "X-Test": method], body: body))
            #expect(response.status == 201)
            #expect(response.headers["X-RateLimit-Remaining"] == "4")
            #expect(response.headers["x-ratelimit-remaining"] == "4")
        }
        let received = server.requests
        #expect(received.map(\.method) == ["POST", "PATCH", "DELETE", "GET"])
        #expect(received.map { $0.headers["x-test"] } == ["POST", "PATCH", "DELETE", "GET"])
        #expect(String(decoding: received[1].body, as: UTF8.self) == "{\"m\":\"PATCH\"}")
        #expect(received[2].body.isEmpty)
        #expect(received[0].headers["expect"] == nil)
    }

    @Test("a response slower than the timeout is a timeout after the request was sent")
    func timeout() async throws {
        let server = try LoopbackServer(script: [.respond(status: 200, delay: .seconds(2))])
        let transport = try transport(timeout: .milliseconds(300))
        let error = await #expect(throws: HTTPTransportError.self) {
            _ = try await transport.send(HTTPRequest(method: "POST", url: "\(server.baseURL)/slow", body: Data("x".utf8)))
        }
        #expect(error?.kind == .timeout)
        #expect(error?.requestMayHaveBeenSent == true)
        #expect(server.requests.count == 1)
    }

    @Test("a connection closed before the answer is a connection failure after sending")
    func closedBeforeAnswer() async throws {
        let server = try LoopbackServer(script: [.close()])
        let transport = try transport()
        let error = await #expect(throws: HTTPTransportError.self) {
            _ = try await transport.send(HTTPRequest(method: "POST", url: "\(server.baseURL)/drop", body: Data("x".utf8)))
        }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.requestMayHaveBeenSent == true)
    }

    @Test("a refused connection is a connection failure before anything was sent")
    func refused() async throws {
        let server = try LoopbackServer(script: [.respond(status: 200)])
        let port = server.port
        server.stop()
        try await Task.sleep(for: .milliseconds(50))
        let transport = try transport()
        let error = await #expect(throws: HTTPTransportError.self) {
            _ = try await transport.send(HTTPRequest(method: "POST", url: "http://127.0.0.1:\(port)/gone"))
        }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.requestMayHaveBeenSent == false)
    }

    @Test("plain http is refused unless the host is loopback", arguments: [
        ("http://example.com/api", false), ("http://10.0.0.1/x", false), ("http://127.0.0.1.evil.com/x", false),
        ("ftp://127.0.0.1/x", false), ("file:///etc/passwd", false),
        ("http://127.0.0.1/x", true), ("http://127.8.9.10:99/x", true), ("http://localhost/x", true), ("http://[::1]:8/x", true),
        ("https://discord.com/api", true),
    ])
    func schemeCheck(url: String, allowed: Bool) {
        let result = Result { try CurlTransport.checkScheme(of: HTTPRequest(method: "GET", url: url)) }
        if allowed {
            #expect(throws: Never.self) { try result.get() }
        } else {
            #expect((try? result.get()) == nil)
            if case .failure(let error as HTTPTransportError) = result { #expect(error.kind == .refusedURL) }
        }
    }

    @Test("a refused URL sends nothing and its error hides the secret")
    func refusedURLHidesSecret() async throws {
        let transport = try transport()
        let error = await #expect(throws: HTTPTransportError.self) {
            _ = try await transport.send(HTTPRequest(method: "POST", url: "http://example.com/api/webhooks/1/hunter2secret", secrets: ["hunter2secret"]))
        }
        #expect(error?.kind == .refusedURL)
        #expect(error.map { "\($0)".contains("hunter2secret") } == false)
        #expect(error.map { "\($0)".contains("/webhooks/1/***") } == true)
    }

    @Test("transport errors and logs never show the request's secrets")
    func errorsRedacted() async throws {
        let server = try LoopbackServer(script: [.close()])
        let transport = try transport()
        let secret = "tok-\(UUID().uuidString)"
        let error = await #expect(throws: HTTPTransportError.self) {
            _ = try await transport.send(HTTPRequest(method: "GET", url: "\(server.baseURL)/webhooks/1/\(secret)", secrets: [secret]))
        }
        let text = error.map { "\($0) \(String(reflecting: $0))" } ?? ""
        #expect(!text.isEmpty && !text.contains(secret))
        #expect(!capture.all.isEmpty)
        #expect(capture.all.allSatisfy { !$0.contains(secret) })
        let request = HTTPRequest(method: "GET", url: "https://x/\(secret)", secrets: [secret])
        var dumped = ""
        dump(request, to: &dumped)
        #expect(!"\(request) \(String(reflecting: request)) \(dumped)".contains(secret))
    }
}
