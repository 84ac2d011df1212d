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
        let now = Date().timeIntervalSince1970
        let client = context.clientAddress
        let method = request.method.rawValue
        let (banned, fault) = state.withStorage { $0.begin(route: route.key(method: method), client: client, now: now) }
        logger.debug(
            "sandbox.request",
            metadata: [
                "sandbox.method": "\(method)", "sandbox.path": "\(route.redactedPath)",
                "sandbox.fault": "\(fault.map { "\($0)" } ?? "none")",
            ])

        var reply: SandboxReply
        var drop = false
        if let banned {
            reply = .ban(remaining: banned)
        } else {
            switch fault {
            case .status(let code, let body, let contentType)?:
                reply = SandboxReply(status: code, body: body, contentType: contentType)
            case .rateLimited(let retryAfter, let scope, let global)?:
                reply = .rateLimited(retryAfter: retryAfter, scope: scope, global: global)
                if !global, let webhookID = route.webhookID {
                    reply.announce(exhaustedBucket(webhookID: webhookID, retryAfter: retryAfter, now: now))
                }
            case .ban?:
                reply = .ban(remaining: configuration.banDuration)
            case .delay(let seconds)?:
                reply = await handle(route, request: request, now: now)
                try? await Task.sleep(for: .seconds(seconds))
            case .dropConnectionBeforeStoring?:
                var request = request
                _ = try? await request.collectBody(upTo: maxBodySize)
                reply = SandboxReply(status: 0)
                drop = true
            case .dropConnectionAfterStoring?:
                reply = await handle(route, request: request, now: now)
                drop = true
            case nil:
                reply = await handle(route, request: request, now: now)
            }
        }

        if drop {
            state.withStorage { $0.counters.droppedConnections += 1 }
            try? await context.channel.close().get()
            // Never reaches the client: the connection is closed, so the server's write fails quietly.
            return Response(status: .ok)
        }
        state.withStorage {
            $0.finish(status: reply.status, scope: reply.scope, isBan: reply.isBan, client: client, now: now)
        }
        logger.debug("sandbox.response", metadata: ["sandbox.path": "\(route.redactedPath)", "sandbox.status": "\(reply.status)"])
        return response(reply)
    }

    /// The webhook routes: bucket first (every answer announces it), then authentication, then the work.
    private func handle(_ route: SandboxRoute, request: Request, now: Double) async -> SandboxReply {
        guard let webhookID = route.webhookID else { return .error(.notFound) }
        let (bucket, allowed) = state.withStorage { $0.limiter.take(webhookID: webhookID, now: now) }
        var reply: SandboxReply
        if allowed {
            do throws(SandboxAPIError) {
                reply = try await authorized(route, request: request, now: now)
            } catch {
                reply = .error(error)
            }
        } else {
            reply = .rateLimited(retryAfter: bucket.resetAfter, scope: "user", global: false)
        }
        reply.announce(bucket)
        return reply
    }

    private func authorized(_ route: SandboxRoute, request: Request, now: Double) async throws(SandboxAPIError) -> SandboxReply {
        switch route {
        case .execute(let webhookID, let token):
            let webhook = try self.webhook(id: webhookID, token: token)
            guard request.method == .post else { throw .methodNotAllowed }
            return try await execute(webhook: webhook, request: request, now: now)
        case .message(let webhookID, let token, let messageID):
            let webhook = try self.webhook(id: webhookID, token: token)
            let threadID = try snowflakeQuery("thread_id", of: request)
            switch request.method {
            case .get: return .json(200, try message(messageID, webhook: webhook, threadID: threadID).discordJSON)
            case .patch: return try await edit(messageID, webhook: webhook, threadID: threadID, request: request, now: now)
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
        webhook: DiscordSandbox.Configuration.Webhook, request: Request, now: Double
    ) async throws(SandboxAPIError) -> SandboxReply {
        let threadID = try snowflakeQuery("thread_id", of: request)
        let (payload, uploads) = try await self.payload(of: request)
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
        _ id: String, webhook: DiscordSandbox.Configuration.Webhook, threadID: String?, request: Request, now: Double
    ) async throws(SandboxAPIError) -> SandboxReply {
        _ = try message(id, webhook: webhook, threadID: threadID)
        let (payload, uploads) = try await self.payload(of: request)
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

    /// Bucket headers for an injected 429: the bucket is empty until the fault's retry time.
    private func exhaustedBucket(webhookID: String, retryAfter: Double, now: Double) -> SandboxRateLimiter.BucketState {
        SandboxRateLimiter.BucketState(
            bucket: SandboxRateLimiter.bucketHash(webhookID: webhookID), limit: configuration.bucketLimit, remaining: 0,
            resetAt: now + retryAfter, resetAfter: retryAfter)
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
