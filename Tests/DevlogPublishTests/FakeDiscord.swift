import DevlogPublish
import Foundation
import Synchronization

/// Discord's webhook endpoints as its documentation describes them, served by a
/// ``LoopbackServer``: execute (with and without `wait`), get, edit and delete a message, the
/// documented error bodies (10015, 50027, 10008, 50035), rate-limit headers and 429s for a
/// bucket of 5 requests per 2 seconds plus a shared per-channel limit of 30 per minute.
/// Its clock is the test's, so a client waiting on a manual clock meets the same time.
final class FakeDiscord: Sendable {
    /// A stored message.
    struct Message: Sendable, Equatable {
        let id: String
        var content: String
        var embeds: Int
        var files: [String]
        var threadID: String?
    }

    /// A fault injected instead of normal handling, chosen per request.
    enum Fault: Sendable {
        /// Close the connection before handling: nothing is stored.
        case closeBeforeHandling
        /// Handle (store) the request, then close without answering: the answer is lost.
        case closeAfterHandling
        /// Answer this instead of handling.
        case reply(LoopbackServer.Reply)
        /// Handle, then answer after this delay.
        case delayAfterHandling(Duration)
    }

    static let webhookID = "112233445566778899"
    static let token = "sEcReT-ToKeN_abcdefghijklmnopqrstuvwxyz0123456789-XYZ"

    private struct State {
        var messages: [String: Message] = [:]
        var order: [String] = []
        var nextID: UInt64 = 1_100_000_000_000_000_001
        var windowStart: ContinuousClock.Instant?
        var windowCount = 0
        var channelSends: [ContinuousClock.Instant] = []
        var handled = 0
        var rateLimitedCount = 0
    }

    let clock: any PublishClock
    let bucketLimit: Int
    let bucketWindow: Duration
    let channelLimit: Int
    private let state = Mutex(State())
    private let faults: @Sendable (LoopbackServer.Request, Int) -> Fault?
    private let serverSlot = Mutex<LoopbackServer?>(nil)

    /// The loopback server answering for this fake.
    var server: LoopbackServer { serverSlot.withLock { $0! } }

    /// Lets the server's handler reach the fake without keeping it alive.
    private final class WeakFake: Sendable {
        weak let fake: FakeDiscord?
        init(_ fake: FakeDiscord) { self.fake = fake }
    }

    init(
        clock: any PublishClock, bucketLimit: Int = 5, bucketWindow: Duration = .seconds(2), channelLimit: Int = 30,
        faults: @escaping @Sendable (LoopbackServer.Request, Int) -> Fault? = { _, _ in nil }
    ) throws {
        self.clock = clock
        self.bucketLimit = bucketLimit
        self.bucketWindow = bucketWindow
        self.channelLimit = channelLimit
        self.faults = faults
        let weakFake = WeakFake(self)
        let server = try LoopbackServer { request in weakFake.fake?.handle(request) ?? .close() }
        serverSlot.withLock { $0 = server }
    }

    /// The webhook URL, token included, pointing at the loopback server.
    var webhookURL: String { "\(server.baseURL)/api/webhooks/\(Self.webhookID)/\(Self.token)" }

    /// Messages in posting order.
    var messages: [Message] { state.withLock { state in state.order.compactMap { state.messages[$0] } } }

    /// 429 answers given so far.
    var rateLimitedCount: Int { state.withLock { $0.rateLimitedCount } }

    /// Deletes a message as a person would in the Discord app.
    func deleteInApp(_ id: String) {
        state.withLock { state in
            state.messages[id] = nil
            state.order.removeAll { $0 == id }
        }
    }

    private func handle(_ request: LoopbackServer.Request) -> LoopbackServer.Reply {
        let number = state.withLock { state -> Int in state.handled += 1; return state.handled }
        let fault = faults(request, number)
        switch fault {
        case .closeBeforeHandling: return .close()
        case .reply(let reply): return reply
        default: break
        }
        let reply = answer(request)
        switch fault {
        case .closeAfterHandling: return .close()
        case .delayAfterHandling(let delay):
            if case .respond(let status, let headers, let body, _) = reply { return .respond(status: status, headers: headers, body: body, delay: delay) }
            return reply
        default: return reply
        }
    }

    private func answer(_ request: LoopbackServer.Request) -> LoopbackServer.Reply {
        let segments = request.path.split(separator: "/").map(String.init)
        guard segments.count >= 5, segments[0] == "api", segments[1] == "v10", segments[2] == "webhooks" else {
            return error(404, code: 0, "404: Not Found")
        }
        guard segments[3] == Self.webhookID else { return error(404, code: 10015, "Unknown Webhook") }
        guard segments[4] == Self.token else { return error(401, code: 50027, "Invalid Webhook Token") }
        if let limited = rateLimit() { return limited }
        let headers = rateLimitHeaders()
        switch (request.method, segments.count) {
        case ("POST", 5):
            guard let payload = payload(of: request) else { return error(400, code: 50109, "The request body contains invalid JSON.", headers) }
            if let invalid = validate(payload) { return invalid }
            let message = state.withLock { state -> Message in
                let id = String(state.nextID)
                state.nextID += 1
                let message = Message(id: id, content: payload.content, embeds: payload.embeds, files: payload.files, threadID: request.query["thread_id"])
                state.messages[id] = message
                state.order.append(id)
                return message
            }
            return request.query["wait"] == "true" ? json(200, object(message), headers) : .respond(status: 204, headers: headers)
        case (_, 7) where segments[5] == "messages":
            let id = segments[6]
            guard let existing = state.withLock({ $0.messages[id] }) else { return error(404, code: 10008, "Unknown Message", headers) }
            switch request.method {
            case "GET":
                return json(200, object(existing), headers)
            case "PATCH":
                guard let payload = payload(of: request) else { return error(400, code: 50109, "The request body contains invalid JSON.", headers) }
                if let invalid = validate(payload) { return invalid }
                let updated = state.withLock { state -> Message in
                    state.messages[id]?.content = payload.content
                    state.messages[id]?.embeds = payload.embeds
                    state.messages[id]?.files = payload.files
                    return state.messages[id]!
                }
                return json(200, object(updated), headers)
            case "DELETE":
                deleteInApp(id)
                return .respond(status: 204, headers: headers)
            default:
                return error(405, code: 0, "405: Method Not Allowed", headers)
            }
        default:
            return error(405, code: 0, "405: Method Not Allowed", headers)
        }
    }

    private struct Payload {
        var content: String
        var embeds: Int
        var files: [String]
        var mentionsParse: [String]?
        var username: String?
    }

    /// The JSON body, or `payload_json` plus `files[n]` names of a multipart body.
    private func payload(of request: LoopbackServer.Request) -> Payload? {
        var json = request.body
        var files: [String] = []
        if let type = request.headers["content-type"], type.hasPrefix("multipart/form-data"),
           let boundary = type.components(separatedBy: "boundary=").last {
            let text = String(decoding: request.body, as: UTF8.self)
            for part in text.components(separatedBy: "--\(boundary)") {
                guard let split = part.range(of: "\r\n\r\n") else { continue }
                let head = part[..<split.lowerBound]
                var content = String(part[split.upperBound...])
                if content.hasSuffix("\r\n") { content.removeLast() }
                if head.contains("name=\"payload_json\"") { json = Data(content.utf8) }
                if head.contains("name=\"files["), let name = head.components(separatedBy: "filename=\"").last?.components(separatedBy: "\"").first {
                    files.append(name)
                }
            }
        }
        guard let object = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else { return nil }
        return Payload(
            content: object["content"] as? String ?? "", embeds: (object["embeds"] as? [Any])?.count ?? 0, files: files,
            mentionsParse: (object["allowed_mentions"] as? [String: Any])?["parse"] as? [String], username: object["username"] as? String)
    }

    private func validate(_ payload: Payload) -> LoopbackServer.Reply? {
        if payload.content.unicodeScalars.count > 2000 {
            return json(400, ["code": 50035, "message": "Invalid Form Body",
                              "errors": ["content": ["_errors": [["code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 2000 or fewer in length."]]]]],
                        rateLimitHeaders())
        }
        if payload.mentionsParse != [] {
            return json(400, ["code": 50035, "message": "Invalid Form Body",
                              "errors": ["allowed_mentions": ["_errors": [["code": "TEST_PINGS", "message": "This fake refuses requests that could ping."]]]]],
                        rateLimitHeaders())
        }
        return nil
    }

    /// The bucket (5 per 2 s) and the shared channel limit (30 per minute).
    private func rateLimit() -> LoopbackServer.Reply? {
        let now = clock.now
        return state.withLock { state -> LoopbackServer.Reply? in
            if let start = state.windowStart, now - start >= bucketWindow { state.windowStart = nil; state.windowCount = 0 }
            state.channelSends.removeAll { now - $0 >= .seconds(60) }
            if state.windowCount >= bucketLimit, let start = state.windowStart {
                state.rateLimitedCount += 1
                let wait = Self.seconds(bucketWindow - (now - start))
                return limited(wait, scope: "user", remaining: 0, global: false)
            }
            if state.channelSends.count >= channelLimit {
                state.rateLimitedCount += 1
                let wait = Self.seconds(state.channelSends[0] + .seconds(60) - now)
                return limited(wait, scope: "shared", remaining: bucketLimit - state.windowCount, global: false)
            }
            if state.windowStart == nil { state.windowStart = now }
            state.windowCount += 1
            state.channelSends.append(now)
            return nil
        }
    }

    private func limited(_ wait: Double, scope: String, remaining: Int, global: Bool) -> LoopbackServer.Reply {
        let headers = [
            ("X-RateLimit-Limit", "\(bucketLimit)"), ("X-RateLimit-Remaining", "\(remaining)"),
            ("X-RateLimit-Reset-After", String(format: "%.3f", wait)), ("X-RateLimit-Bucket", "fakebucket"),
            ("X-RateLimit-Scope", scope), ("Retry-After", "\(Int(wait.rounded(.up)))"),
        ]
        return json(429, ["message": "You are being rate limited.", "retry_after": wait, "global": global], headers)
    }

    private func rateLimitHeaders() -> [(String, String)] {
        let now = clock.now
        return state.withLock { state in
            let resetAfter = state.windowStart.map { Self.seconds(bucketWindow - (now - $0)) } ?? Self.seconds(bucketWindow)
            return [
                ("X-RateLimit-Limit", "\(bucketLimit)"), ("X-RateLimit-Remaining", "\(max(bucketLimit - state.windowCount, 0))"),
                ("X-RateLimit-Reset-After", String(format: "%.3f", resetAfter)), ("X-RateLimit-Bucket", "fakebucket"),
            ]
        }
    }

    private func object(_ message: Message) -> [String: Any] {
        ["id": message.id, "channel_id": message.threadID ?? "998877665544332211", "content": message.content,
         "webhook_id": Self.webhookID, "attachments": message.files.map { ["filename": $0] }, "embeds": []]
    }

    private func error(_ status: Int, code: Int, _ message: String, _ headers: [(String, String)] = []) -> LoopbackServer.Reply {
        json(status, ["message": message, "code": code], headers)
    }

    private func json(_ status: Int, _ object: [String: Any], _ headers: [(String, String)]) -> LoopbackServer.Reply {
        let body = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return .respond(status: status, headers: headers + [("Content-Type", "application/json")], body: body)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
