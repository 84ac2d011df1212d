import ArgumentParser
import DevlogModel

/// A status given on the command line: any spelling the vocabulary knows, kept as written.
struct StatusArgument: ExpressibleByArgument {
    let status: Status

    /// `nil` for text the vocabulary does not know, and for a control character (the status is
    /// written on its task's line).
    init?(argument: String) {
        guard ControlCharacters.firstInLine(argument) == nil, let status = Status(parsing: argument), status.state != .unknown else { return nil }
        self.status = status
    }

    static var defaultCompletionKind: CompletionKind {
        .list(Status.State.allCases.filter { $0 != .unknown }.map(\.displayName))
    }
}
