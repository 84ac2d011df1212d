public import DevlogPublish

/// How publishing talks to Discord: retries, rate limits and HTTP timeouts.
public struct PublishConnection: Sendable {
    /// Retries and rate limits. Default ``DiscordClient/Configuration/init(retry:rateLimit:)``.
    public var client: DiscordClient.Configuration
    /// Timeouts and user agent. Default ``CurlTransport/Configuration/init(connectTimeout:requestTimeout:userAgent:)``.
    public var transport: CurlTransport.Configuration

    /// Creates a connection setting; every parameter has the documented default.
    public init(client: DiscordClient.Configuration = .init(), transport: CurlTransport.Configuration = .init()) {
        self.client = client
        self.transport = transport
    }
}
