import Logging

extension DiscordClient {
    /// Sends `request` until it succeeds, waiting as the rate limiter says and retrying as the
    /// retry policy says; returns the 2xx answer or throws ``DiscordError``.
    func perform(_ request: HTTPRequest, route: RateLimitRoute) async throws -> HTTPResponse {
        let started = clock.now
        var attempt = 0
        var metadata: Logger.Metadata = ["discord.route": "\(route)", "http.url": "\(request.redactedURL)"]
        while true {
            switch rateLimiter.decide(route, now: clock.now) {
            case .stop(let error):
                logger.error("discord.stopped", metadata: metadata.merging(["discord.error": "\(error)"]) { $1 })
                throw error
            case .wait(let delay):
                logger.debug("discord.rate_limit.wait", metadata: metadata.merging(["discord.wait": "\(delay)"]) { $1 })
                try await clock.sleep(for: delay)
                continue
            case .proceed:
                break
            }
            attempt += 1
            metadata["discord.attempt"] = "\(attempt)"
            rateLimiter.didSend(route, now: clock.now)
            let response: HTTPResponse
            do {
                response = try await transport.send(request)
            } catch let error as HTTPTransportError {
                if request.method == "POST" && error.requestMayHaveBeenSent {
                    logger.warning("discord.post.outcome_unknown", metadata: metadata.merging(["discord.error": "\(error)"]) { $1 })
                }
                try await backOff(.transport(error.kind), attempt: attempt, started: started, metadata: metadata) {
                    DiscordError(kind: .retriesExhausted, message: "\(request.description) got no complete answer in \(attempt) attempt(s)", transportError: error, attempts: attempt)
                }
                continue
            }
            switch rateLimiter.didReceive(status: response.status, headers: response.headers, body: response.body, route: route, now: clock.now) {
            case .stop(let error):
                logger.error("discord.stopped", metadata: metadata.merging(["discord.error": "\(error)"]) { $1 })
                throw error
            case .rateLimited(let retryAfter, let global):
                logger.notice("discord.rate_limited", metadata: metadata.merging(["discord.retry_after": "\(retryAfter)", "discord.global": "\(global)"]) { $1 })
                continue
            case .accepted:
                break
            }
            if (200..<300).contains(response.status) {
                logger.debug("discord.response", metadata: metadata.merging(["http.status": "\(response.status)"]) { $1 })
                return response
            }
            if (500..<600).contains(response.status) {
                try await backOff(.status(response.status), attempt: attempt, started: started, metadata: metadata) {
                    DiscordError(kind: .retriesExhausted, status: response.status,
                                 message: "\(request.description) kept failing with server errors", attempts: attempt)
                }
                continue
            }
            let error = DiscordError.rejected(response, attempts: attempt, redact: request.redact)
            logger.error("discord.rejected", metadata: metadata.merging(["discord.error": "\(error)"]) { $1 })
            throw error
        }
    }

    /// Sleeps before the next attempt, or throws `finalError()` when the policy gives up.
    private func backOff(
        _ failure: RetryPolicy.Failure, attempt: Int, started: ContinuousClock.Instant, metadata: Logger.Metadata,
        finalError: () -> DiscordError
    ) async throws {
        switch configuration.retry.decide(after: failure, attempt: attempt, elapsed: clock.now - started, unitRandom: unitRandom()) {
        case .giveUp:
            let error = finalError()
            logger.error("discord.gave_up", metadata: metadata.merging(["discord.error": "\(error)"]) { $1 })
            throw error
        case .retry(let delay):
            logger.notice("discord.retry", metadata: metadata.merging(["discord.failure": "\(failure)", "discord.backoff": "\(delay)"]) { $1 })
            try await clock.sleep(for: delay)
        }
    }
}
