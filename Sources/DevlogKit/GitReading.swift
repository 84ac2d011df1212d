import DevlogArchive

/// What git said before a cycle's facts are worked out: the status, and HEAD's whole history
/// (empty on an unborn branch).
struct GitReading: Sendable {
    var status: GitStatus
    var history: [GitCommitFact]
}
