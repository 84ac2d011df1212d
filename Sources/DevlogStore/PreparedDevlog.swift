public import DevlogModel

/// A devlog with the work of saving it that needs no database done in advance: its records,
/// packed blocks and content hash. Import prepares each file on its parsing thread, so the
/// writer's thread only runs SQL.
public struct PreparedDevlog: Sendable {
    let facts: CycleFacts

    /// Prepares `devlog` for ``DevlogStore/save(prepared:)``.
    public init(_ devlog: Devlog) {
        facts = CycleFacts(devlog)
    }

    /// The devlog prepared.
    public var devlog: Devlog { facts.devlog }
}
