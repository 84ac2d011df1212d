/// Why a sandbox could not start.
public struct DiscordSandboxError: Error, CustomStringConvertible, Sendable {
    private enum Code: Sendable {
        case notLoopback(String)
        case notStarted
    }

    private let code: Code

    static func notLoopback(host: String) -> Self { Self(code: .notLoopback(host)) }
    static let notStarted = Self(code: .notStarted)

    /// What went wrong and what to do about it.
    public var description: String {
        switch code {
        case .notLoopback(let host):
            "sandbox host \(host) is not a loopback address: use 127.0.0.1 (the sandbox never listens on a network)"
        case .notStarted:
            "sandbox stopped before it was listening: check that the port is free and try again"
        }
    }
}
