@testable import DevlogPublish
import DevlogSandbox
import DevlogTestSupport
import Foundation
import Testing

/// The Discord sandbox on 127.0.0.1, a real curl transport and a client wired together. The sandbox
/// reads the test's clock, so when the client waits on a manual clock the sandbox's windows move on too.
struct ClientHarness {
    static let webhookID = "112233445566778899"
    /// Long and unlike anything else in a log, so a leak check cannot pass by accident.
    static let token = "sEcReT-ToKeN_abcdefghijklmnopqrstuvwxyz0123456789-XYZ"

    let state: SandboxState
    /// `http://127.0.0.1:PORT`.
    let base: URL
    let clock: any PublishClock
    let capture: LogCapture
    let client: DiscordClient
    let webhook: WebhookURL

    /// Runs `body` against a sandbox that knows only ``webhookID`` (other ids get Discord's 404 / 10015),
    /// with Discord's bucket and channel limits unless given, and records every request. `token` and
    /// `query` change the webhook URL the client uses. Afterwards checks that no request could ping anyone.
    static func run<T>(
        clock: any PublishClock = ManualClock(), retry: RetryPolicy = RetryPolicy(), rateLimit: RateLimiter.Configuration = .init(),
        timeout: Duration = .seconds(5), bucketLimit: Int = 5, channelLimit: Int = 30, token: String = ClientHarness.token, query: String = "",
        isolation: isolated (any Actor)? = #isolation, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (ClientHarness) async throws -> T
    ) async throws -> T {
        var configuration = DiscordSandbox.Configuration()
        configuration.webhooks = [.init(id: webhookID, token: Self.token)]
        configuration.acceptsUnknownWebhooks = false
        configuration.bucketLimit = bucketLimit
        configuration.channelLimitPerMinute = channelLimit
        configuration.recordsRequests = true
        if let manual = clock as? ManualClock { configuration.now = { manual.date } }
        let capture = LogCapture()
        let transport = try CurlTransport(configuration: .init(connectTimeout: .seconds(2), requestTimeout: timeout), logger: capture.logger())
        let client = DiscordClient(transport: transport, configuration: .init(retry: retry, rateLimit: rateLimit), clock: clock,
                                   unitRandom: { 0.5 }, logger: capture.logger())
        return try await DiscordSandbox.withRunning(configuration) { base, state in
            let webhook = try WebhookURL(parsing: "\(base.absoluteString)/api/webhooks/\(webhookID)/\(token)\(query)")
            let harness = ClientHarness(state: state, base: base, clock: clock, capture: capture, client: client, webhook: webhook)
            let result = try await body(harness)
            harness.expectNoPings(sourceLocation: sourceLocation)
            return result
        }
    }

    /// Every API request the sandbox received, oldest first.
    var requests: [SandboxRequest] { state.requests }
    /// The messages still in the channel, in posting order.
    var messages: [SandboxMessage] { state.messages.filter { !$0.isDeleted } }
    /// Every wait of a manual clock.
    var sleeps: [Duration] { (clock as? ManualClock)?.sleeps ?? [] }

    /// Every log line and the given error texts are free of the token.
    func expectNoTokenLeak(_ texts: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) {
        for line in capture.all + texts {
            #expect(!line.contains(Self.token), "token leaked: \(line)", sourceLocation: sourceLocation)
        }
    }

    /// Every message sent (JSON or multipart) asked Discord to ping nobody: `allowed_mentions: {"parse": []}`.
    func expectNoPings(sourceLocation: SourceLocation = #_sourceLocation) {
        for request in requests where request.method == "POST" || request.method == "PATCH" {
            #expect(request.payload?["allowed_mentions"] == ["parse": []], "\(request.method) \(request.path) may ping",
                    sourceLocation: sourceLocation)
        }
    }
}
