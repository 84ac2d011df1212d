/// A problem met during the cycle, with how it was resolved.
public struct IssueRecord: Sendable, Hashable, Codable {
    /// Its number in the list.
    public var number: Int
    /// What went wrong.
    public var issue: String
    /// What was done about it, empty when nothing is written.
    public var resolution: String
    /// Where it stands.
    public var status: Status?

    /// An issue.
    public init(number: Int, issue: String, resolution: String = "", status: Status? = nil) {
        self.number = number
        self.issue = issue
        self.resolution = resolution
        self.status = status
    }
}
