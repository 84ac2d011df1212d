import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Answers every request: the introspection routes, and the webhook routes with Discord's behaviour,
/// limits and any queued fault.
struct SandboxResponder: HTTPResponder {
    typealias Context = SandboxRequestContext

    let state: SandboxState
    let configuration: DiscordSandbox.Configuration
    let logger: Logger

    func respond(to request: Request, context: Context) async throws -> Response {
        let route = SandboxRoute(path: request.uri.path)
        switch route {
        case .page where request.method == .get:
            return response(SandboxReply(
                status: 200, body: SandboxPage.html(messages: state.messages), contentType: "text/html; charset=utf-8"))
        case .messageList where request.method == .get:
            return response(.json(200, .array(state.messages.map(\.introspectionJSON))))
        case .page, .messageList:
            return response(.error(.methodNotAllowed))
        case .unknown:
            return response(.error(.notFound))
        case .execute, .message, .otherAPI:
            return await api(route, request: request, context: context)
        }
    }

    private func api(_ route: SandboxRoute, request: Request, context: Context) async -> Response {
        let now = configuration.now().timeIntervalSince1970
        let client = context.clientAddress
        let method = request.method.rawValue
        // Read at once, so a recorded request has its body and a dropped one was read in full first.
        var request = request
        let body: Result<[UInt8], SandboxAPIError>
        do {
            body = .success(Array(try await request.collectBody(upTo: maxBodySize).readableBytesView))
        } catch {
            body = .failure(.entityTooLarge)
        }
        let kept = configuration.recordsRequests
            ? record(request, route: route, body: (try? body.get()) ?? [], connection: context.connection, at: now) : nil
        let (banned, fault) = state.withStorage {
            $0.begin(route: route.key(method: method), client: client, now: now, record: kept)
        }
        logger.debug(
            "sandbox.request",
            metadata: [
                "sandbox.method": "\(method)", "sandbox.path": "\(route.redactedPath)",
                "sandbox.fault": "\(fault.map { "\($0)" } ?? "none")",
            ])

        let plan: SandboxFault.Plan
        if let banned {
            plan = .answer(.ban(remaining: banned))
        } else {
            plan = (fault ?? .pass).plan(
                webhookID: route.webhookID, bucketLimit: configuration.bucketLimit,
                banDuration: configuration.banDuration, now: now)
        }
        let reply: SandboxReply
        switch plan {
        case .answer(let answer):
            reply = answer
        case .handle:
            reply = handle(route, request: request, body: body, now: now)
        case .handleThenHold(let seconds):
            reply = handle(route, request: request, body: body, now: now)
            try? await Task.sleep(for: .seconds(seconds))
        case .handleThenDrop:
            _ = handle(route, request: request, body: body, now: now)
            return await drop(context)
        case .drop:
            return await drop(context)
        }
        state.withStorage {
            $0.finish(
                status: reply.status, scope: reply.scope, isBan: reply.isBan, client: client, now: now)
        }
        logger.debug("sandbox.response", metadata: ["sandbox.path": "\(route.redactedPath)", "sandbox.status": "\(reply.status)"])
        return response(reply)
    }

    /// Closes the connection without answering.
    private func drop(_ context: Context) async -> Response {
        state.withStorage { $0.counters.droppedConnections += 1 }
        try? await context.channel.close().get()
        // Never reaches the client: the connection is closed, so the server's write fails quietly.
        return Response(status: .ok)
    }

    private func record(
        _ request: Request, route: SandboxRoute, body: [UInt8], connection: String, at now: Double
    ) -> SandboxRequest {
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        let query = Dictionary(
            request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { $1 })
        return SandboxRequest(
            method: request.method.rawValue, path: route.redactedPath, query: query, headers: headers, body: body,
            connection: connection, receivedAt: Date(timeIntervalSince1970: now))
    }

    /// The webhook routes: bucket first (every answer announces it), then authentication, then the work.
    private func handle(
        _ route: SandboxRoute, request: Request, body: Result<[UInt8], SandboxAPIError>, now: Double
    ) -> SandboxReply {
        guard let webhookID = route.webhookID else { return .error(.notFound) }
        let (bucket, allowed) = state.withStorage { $0.limiter.take(webhookID: webhookID, now: now) }
        var reply: SandboxReply
        if allowed {
            do throws(SandboxAPIError) {
                reply = try authorized(route, request: request, body: body, now: now)
            } catch {
                reply = .error(error)
            }
        } else {
            reply = .rateLimited(retryAfter: bucket.resetAfter, scope: "user", global: false)
        }
        reply.announce(bucket)
        return reply
    }

    private func authorized(
        _ route: SandboxRoute, request: Request, body: Result<[UInt8], SandboxAPIError>, now: Double
    ) throws(SandboxAPIError) -> SandboxReply {
        switch route {
        case .execute(let webhookID, let token):
            let webhook = try self.webhook(id: webhookID, token: token)
            guard request.method == .post else { throw .methodNotAllowed }
            return try execute(webhook: webhook, request: request, body: body, now: now)
        case .message(let webhookID, let token, let messageID):
            let webhook = try self.webhook(id: webhookID, token: token)
            let threadID = try snowflakeQuery("thread_id", of: request)
            switch request.method {
            case .get: return .json(200, try message(messageID, webhook: webhook, threadID: threadID).discordJSON)
            case .patch:
                return try edit(messageID, webhook: webhook, threadID: threadID, request: request, body: body, now: now)
            case .delete:
                try delete(messageID, webhook: webhook, threadID: threadID)
                return .noContent
            default: throw .methodNotAllowed
            }
        default:
            throw .notFound
        }
    }

    private func webhook(id: String, token: String) throws(SandboxAPIError) -> DiscordSandbox.Configuration.Webhook {
        guard Self.isSnowflake(id) else {
            var errors = SandboxFormErrors()
            errors.add(["webhook_id"], code: "NUMBER_TYPE_COERCE", message: "Value \"\(id)\" is not snowflake.")
            throw .invalidFormBody(errors)
        }
        return try state.withStorage { $0.webhook(id: id, token: token) }.get()
    }

    private func execute(
        webhook: DiscordSandbox.Configuration.Webhook, request: Request, body: Result<[UInt8], SandboxAPIError>, now: Double
    ) throws(SandboxAPIError) -> SandboxReply {
        let threadID = try snowflakeQuery("thread_id", of: request)
        let (payload, uploads) = try self.payload(of: request, body: body)
        let draft = try SandboxValidator.draft(from: payload, uploads: uploads)
        guard !SandboxValidator.isEmpty(content: draft.content, embeds: draft.embeds ?? [], attachmentCount: uploads.count)
        else { throw .emptyMessage }
        if let wait = state.withStorage({ $0.limiter.send(toChannel: webhook.channelID, now: now) }) {
            return .rateLimited(
                retryAfter: wait, scope: "shared", global: false, message: "The resource is being rate limited.")
        }
        let message = state.withStorage { storage in
            let id = storage.nextSnowflake(now: now)
            let thread = threadID ?? (draft.threadName != nil ? id : nil)
            let message = SandboxMessage(
                id: id, webhookID: webhook.id, channelID: thread ?? webhook.channelID, threadID: thread,
                threadName: threadID == nil ? draft.threadName : nil, username: draft.username ?? webhook.name,
                avatarURL: draft.avatarURL, content: draft.content ?? "", embeds: draft.embeds ?? [],
                attachments: uploads.map { attachment($0, storage: &storage, now: now) },
                timestamp: Date(timeIntervalSince1970: now), editedTimestamp: nil, editCount: 0, isDeleted: false)
            storage.messages.append(message)
            return message
        }
        logger.info("sandbox.message.stored", metadata: ["sandbox.message.id": "\(message.id)", "sandbox.webhook.id": "\(webhook.id)"])
        return request.uri.queryParameters["wait"].map { $0.lowercased() == "true" } == true
            ? .json(200, message.discordJSON) : .noContent
    }

    private func message(
        _ id: String, webhook: DiscordSandbox.Configuration.Webhook, threadID: String?
    ) throws(SandboxAPIError) -> SandboxMessage {
        let found = state.withStorage { storage in
            storage.liveMessageIndex(id: id, webhookID: webhook.id, threadID: threadID).map { storage.messages[$0] }
        }
        guard let found else { throw .unknownMessage }
        return found
    }

    private func delete(
        _ id: String, webhook: DiscordSandbox.Configuration.Webhook, threadID: String?
    ) throws(SandboxAPIError) {
        let deleted = state.withStorage { storage in
            guard let index = storage.liveMessageIndex(id: id, webhookID: webhook.id, threadID: threadID) else {
                return false
            }
            storage.messages[index].isDeleted = true
            return true
        }
        if !deleted { throw .unknownMessage }
    }

    private func edit(
        _ id: String, webhook: DiscordSandbox.Configuration.Webhook, threadID: String?, request: Request,
        body: Result<[UInt8], SandboxAPIError>, now: Double
    ) throws(SandboxAPIError) -> SandboxReply {
        _ = try message(id, webhook: webhook, threadID: threadID)
        let (payload, uploads) = try self.payload(of: request, body: body)
        let draft = try SandboxValidator.draft(from: payload, uploads: uploads)
        let result: Result<SandboxMessage, SandboxAPIError> = state.withStorage { storage in
            guard let index = storage.liveMessageIndex(id: id, webhookID: webhook.id, threadID: threadID) else {
                return .failure(.unknownMessage)
            }
            var message = storage.messages[index]
            if let content = draft.content { message.content = content }
            if let embeds = draft.embeds { message.embeds = embeds }
            if let kept = draft.keptAttachmentIDs {
                message.attachments = message.attachments.filter { kept.contains($0.id) }
            }
            message.attachments += uploads.map { attachment($0, storage: &storage, now: now) }
            if SandboxValidator.isEmpty(
                content: message.content, embeds: message.embeds, attachmentCount: message.attachments.count)
            {
                return .failure(.emptyMessage)
            }
            message.editCount += 1
            message.editedTimestamp = Date(timeIntervalSince1970: now)
            storage.messages[index] = message
            return .success(message)
        }
        return .json(200, try result.get().discordJSON)
    }

    private func attachment(_ upload: SandboxUpload, storage: inout SandboxState.Storage, now: Double) -> SandboxAttachment {
        SandboxAttachment(
            id: storage.nextSnowflake(now: now), filename: upload.filename, size: upload.size,
            contentType: upload.contentType)
    }

    // MARK: Writing responses

    private func response(_ reply: SandboxReply) -> Response {
        var headers = HTTPFields()
        if let contentType = reply.contentType { headers[.contentType] = contentType }
        for (name, value) in reply.headers {
            if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
        }
        let body = reply.body.isEmpty ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(string: reply.body))
        return Response(status: HTTPResponse.Status(code: reply.status), headers: headers, body: body)
    }
}

/// Request context that keeps the connection, so a drop fault can close it without answering and the
/// invalid-request limit can key on the client's address.
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// The client's IP address (the ban is per address, as Cloudflare's is).
    var clientAddress: String {
        channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The client's address and port, which tell one connection from another.
    var connection: String {
        "\(clientAddress):\(channel.remoteAddress?.port.map(String.init) ?? "?")"
    }
}
