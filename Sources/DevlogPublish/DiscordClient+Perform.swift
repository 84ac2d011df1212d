import Logging

extension DiscordClient {
    /// Sends `request` until it succeeds, waiting as the rate limiter says and retrying as the
    /// retry policy says; returns the 2xx answer or throws ``DiscordError``.
    func perform(_ request: HTTPRequest, route: RateLimitRoute) async throws -> HTTPResponse {
        let started = clock.now
        var attempt = 0
        var metadata: Logger.Metadata = ["discord.route": "\(route)", "http.url": "\(request.redactedURL)"]
        while true {
            requestsClaimed += 1
            let holder = "\(holderPrefix)#\(requestsClaimed)"
            switch try await claimTurn(route, holder: holder) {
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
            let response: HTTPResponse
            do {
                response = try await transport.send(request)
            } catch {
                try await giveBackTurn(route, holder: holder)
                guard let error = error as? HTTPTransportError else { throw error }
                if request.method == "POST" && error.requestMayHaveBeenSent {
                    logger.warning("discord.post.outcome_unknown", metadata: metadata.merging(["discord.error": "\(error)"]) { $1 })
                }
                try await backOff(.transport(error.kind), attempt: attempt, started: started, metadata: metadata) {
                    DiscordError(kind: .retriesExhausted, message: "\(request.description) got no complete answer in \(attempt) attempt(s)", transportError: error, attempts: attempt)
                }
                continue
            }
            switch try await learn(from: response, route: route, holder: holder) {
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

    /// Looks at the shared limits without locking them, and claims the turn only when that look
    /// says go: clients waiting for another's turn then poll without holding up its answer.
    private func claimTurn(_ route: RateLimitRoute, holder: String) async throws -> RateLimiter.Decision {
        let seen = try await rateLimits.limits(webhookID: route.webhookID)
        let look = rateLimiter.decide(route, limits: seen, holder: holder, now: clock.date)
        guard look == .proceed else { return look }
        let limiter = rateLimiter, clock = clock
        return try await rateLimits.update(webhookID: route.webhookID) { limits in
            limiter.claim(route, limits: &limits, holder: holder, now: clock.date)
        }
    }

    /// Gives the turn back after a request that got no answer.
    private func giveBackTurn(_ route: RateLimitRoute, holder: String) async throws {
        let limiter = rateLimiter
        try await rateLimits.update(webhookID: route.webhookID) { limits in limiter.giveBack(limits: &limits, holder: holder) }
    }

    /// Learns from an answer in the shared limits, giving the turn back, and in this client's own.
    private func learn(from response: HTTPResponse, route: RateLimitRoute, holder: String) async throws -> RateLimiter.Verdict {
        let limiter = rateLimiter, clock = clock
        let (verdict, learned) = try await rateLimits.update(webhookID: route.webhookID) { limits in
            var limiter = limiter
            let verdict = limiter.didReceive(status: response.status, headers: response.headers, body: response.body, route: route,
                                             limits: &limits, holder: holder, now: clock.date)
            return (verdict, limiter)
        }
        rateLimiter = learned
        return verdict
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
