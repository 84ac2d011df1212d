import Hummingbird
import NIOCore

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
}
