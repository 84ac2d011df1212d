@testable import DevlogPublish
import DevlogSandbox
import DevlogTestSupport
import Foundation
import Testing

@Suite("CurlTransport against the Discord sandbox on 127.0.0.1")
struct CurlTransportTests {
    let capture = LogCapture()

    func transport(timeout: Duration = .seconds(5)) throws -> CurlTransport {
        try CurlTransport(configuration: .init(connectTimeout: .seconds(2), requestTimeout: timeout), logger: capture.logger())
    }

    /// Runs `body` against a sandbox that records every request, with the default webhook's URL.
    func withSandbox(isolation: isolated (any Actor)? = #isolation, _ body: (String, SandboxState) async throws -> Void) async throws {
        var configuration = DiscordSandbox.Configuration()
        configuration.recordsRequests = true
        try await DiscordSandbox.withRunning(configuration) { base, state in
            try await body(DiscordSandbox.Configuration.defaultWebhook.url(base: base.absoluteString), state)
        }
    }

    @Test("several requests reuse one TCP connection (keep-alive)")
    func keepAlive() async throws {
        try await withSandbox { webhook, state in
            let transport = try transport()
            for number in 1...4 {
                let response = try await transport.send(HTTPRequest(method: "GET", url: "\(webhook)/messages/\(number)"))
                #expect(response.status == 404)
                #expect(String(decoding: response.body, as: UTF8.self).contains("Unknown Message"))
            }
            let requests = state.requests
            #expect(requests.map(\.path) == (1...4).map { "/api/webhooks/\(DiscordSandbox.Configuration.defaultWebhook.id)/***/messages/\($0)" })
            #expect(Set(requests.map(\.connection)).count == 1)
        }
    }

    @Test("method, headers and body arrive as sent; response headers are read case-insensitively")
    func requestAndResponseShape() async throws {
        try await withSandbox { webhook, state in
            state.enqueue(Array(repeating: .status(201, body: "{}", contentType: "application/json", headers: ["x-RateLimit-REMAINING": "4"]), count: 4))
            let transport = try transport()
            for method in ["POST", "PATCH", "DELETE", "GET"] {
                let body = method == "GET" || method == "DELETE" ? Data() : Data("{\"m\":\"\(method)\"}".utf8)
                let response = try await transport.send(HTTPRequest(method: method, url: webhook, headers: ["Content-Type": "application/json", "X-Test": method], body: body))
                #expect(response.status == 201)
                #expect(response.headers["X-RateLimit-Remaining"] == "4")
                #expect(response.headers["x-ratelimit-remaining"] == "4")
            }
            let received = state.requests
            #expect(received.map(\.method) == ["POST", "PATCH", "DELETE", "GET"])
            #expect(received.map { $0.headers["x-test"] } == ["POST", "PATCH", "DELETE", "GET"])
            #expect(String(decoding: received[1].body, as: UTF8.self) == "{\"m\":\"PATCH\"}")
            #expect(received[2].body.isEmpty)
            #expect(received[0].headers["expect"] == nil)
        }
    }

    @Test("a response slower than the timeout is a timeout after the request was sent")
    func timeout() async throws {
        try await withSandbox { webhook, state in
            state.enqueue(.delay(seconds: 1))
            let transport = try transport(timeout: .milliseconds(300))
            let error = await #expect(throws: HTTPTransportError.self) {
                _ = try await transport.send(HTTPRequest(method: "POST", url: webhook, headers: ["Content-Type": "application/json"], body: Data(#"{"content":"slow"}"#.utf8)))
            }
            #expect(error?.kind == .timeout)
            #expect(error?.requestMayHaveBeenSent == true)
            #expect(state.counters.requests == 1)
        }
    }

    @Test("a connection closed before the answer is a connection failure after sending")
    func closedBeforeAnswer() async throws {
        try await withSandbox { webhook, state in
            state.enqueue(.dropConnectionBeforeStoring)
            let error = await #expect(throws: HTTPTransportError.self) {
                _ = try await transport().send(HTTPRequest(method: "POST", url: webhook, body: Data("x".utf8)))
            }
            #expect(error?.kind == .connectionFailed)
            #expect(error?.requestMayHaveBeenSent == true)
            #expect(state.counters.droppedConnections == 1)
        }
    }

    @Test("a refused connection is a connection failure before anything was sent")
    func refused() async throws {
        // The port of a sandbox that has stopped: nothing listens there any more.
        let stopped = try await DiscordSandbox.withRunning { base, _ in base }
        let transport = try transport()
        let error = await #expect(throws: HTTPTransportError.self) {
            _ = try await transport.send(HTTPRequest(method: "POST", url: "\(stopped.absoluteString)/gone"))
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
        let secret = "tok-\(UUID().uuidString)"
        try await withSandbox { webhook, state in
            state.enqueue(.dropConnectionBeforeStoring)
            let url = webhook.replacingOccurrences(of: DiscordSandbox.Configuration.defaultWebhook.token, with: secret)
            let error = await #expect(throws: HTTPTransportError.self) {
                _ = try await transport().send(HTTPRequest(method: "GET", url: url, secrets: [secret]))
            }
            let text = error.map { "\($0) \(String(reflecting: $0))" } ?? ""
            #expect(!text.isEmpty && !text.contains(secret))
        }
        #expect(!capture.all.isEmpty)
        #expect(capture.all.allSatisfy { !$0.contains(secret) })
        let request = HTTPRequest(method: "GET", url: "https://x/\(secret)", secrets: [secret])
        var dumped = ""
        dump(request, to: &dumped)
        #expect(!"\(request) \(String(reflecting: request)) \(dumped)".contains(secret))
    }
}
