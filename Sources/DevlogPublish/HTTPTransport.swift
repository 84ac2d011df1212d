/// Sends one HTTP request and returns the response; the seam between Discord logic and the network.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the final response, whatever its status.
    ///
    /// - Throws: ``HTTPTransportError`` when no complete response arrived.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
