import DevlogPublish
import DevlogSandbox
import Foundation
import Logging

/// Publishes 40 messages to the sandbox under Discord's webhook bucket of 5 requests per 2 seconds
/// and prints how long it took against the least time that limit allows, and the 429s met.
///
/// The sandbox's bucket is a fixed window opened by its first request, so 40 requests need 8
/// windows and the last can start no sooner than (⌈40 / 5⌉ − 1) × 2 s = 14 s after the first. The
/// per-channel limit (30 a minute, no headers) is lifted on both sides so only the bucket binds.
/// Target: within 5% of the least time, zero 429s.
func runPublishBenchmark() async throws {
    let messages = 40
    var configuration = DiscordSandbox.Configuration()
    configuration.bucketLimit = 5
    configuration.bucketWindow = 2
    configuration.channelLimitPerMinute = 10_000
    let least = Double((messages + configuration.bucketLimit - 1) / configuration.bucketLimit - 1) * configuration.bucketWindow
    let logger = Logger(label: "devlog-bench.publish", factory: { _ in SwiftLogNoOpLogHandler() })
    try await DiscordSandbox.withRunning(configuration) { base, state in
        let webhook = try WebhookURL(parsing: DiscordSandbox.Configuration.defaultWebhook.url(base: base.absoluteString))
        let client = DiscordClient(transport: try CurlTransport(logger: logger),
                                   configuration: .init(rateLimit: .init(channelLimit: 0)), logger: logger)
        let parts = (1...messages).map { DeliveryPart(WebhookMessage(content: "Benchmark message \($0) of \(messages)")) }
        let started = ContinuousClock.now
        let report = try await Publisher(client: client, outbox: InMemoryOutboxStorage(), logger: logger)
            .publish(parts, devlogKey: "bench", to: webhook)
        let seconds = (ContinuousClock.now - started).seconds
        guard report.posted.count == messages, state.messages.count == messages else {
            throw PublishBenchmarkFailure(description: "the sandbox holds \(state.messages.count) messages, expected \(messages)")
        }
        // The table's keys (see BenchResult), plus the least time and the 429s the row judges.
        let line: [String: Any] = [
            "bench": "publish", "side": "devlog", "ops": messages, "seconds": (seconds * 1000).rounded() / 1000,
            "ops_per_s": Double(messages) / seconds, "least_seconds": least,
            "ratio_to_least": (seconds / least * 1000).rounded() / 1000, "rate_limited_429": state.counters.rateLimited,
        ]
        let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}

/// The publish benchmark could not count what it measured.
struct PublishBenchmarkFailure: Error, CustomStringConvertible {
    let description: String
}
