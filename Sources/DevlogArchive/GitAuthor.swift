/// The name and email the archive commits carry (as author and committer), so archiving works on
/// machines without a git identity configured.
public struct GitAuthor: Sendable, Equatable {
    /// The name (`GIT_AUTHOR_NAME`).
    public var name: String
    /// The email (`GIT_AUTHOR_EMAIL`).
    public var email: String

    /// Creates an identity.
    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }

    /// `devlog <devlog@localhost>`.
    public static let devlog = GitAuthor(name: "devlog", email: "devlog@localhost")

    /// The environment that makes git use this identity for both author and committer.
    var environment: [String: String] {
        [
            "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email,
        ]
    }
}
