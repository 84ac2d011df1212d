import ArgumentParser
import DevlogModel

/// A status given on the command line: any spelling the vocabulary knows, kept as written.
struct StatusArgument: ExpressibleByArgument {
    let status: Status

    init?(argument: String) {
        guard let status = Status(parsing: argument), status.state != .unknown else { return nil }
        self.status = status
    }

    static var defaultCompletionKind: CompletionKind {
        .list(Status.State.allCases.filter { $0 != .unknown }.map(\.displayName))
    }
}
