/// Why a devlog command could not do its work: one line saying what and what to do.
public struct ProjectError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case noCycles
        case noSuchCycle(Int64)
        case noAgentCycles(String)
        case noSuchTask(Int)
        case writeFailed(String, String)
    }

    private let code: Code

    /// The explanation, with what to do.
    public var description: String {
        switch code {
        case .noCycles:
            "the database holds no cycle yet; run `devlog import FILE` or `devlog new --agent ID --mission ID` first"
        case .noSuchCycle(let id):
            "no cycle with id \(id); `devlog cycles` lists the stored ones"
        case .noAgentCycles(let agent):
            "no cycle of agent \(agent); check the name with `devlog cycles`"
        case .noSuchTask(let number):
            "the cycle has no Task \(number); `devlog export` shows its tasks"
        case .writeFailed(let path, let reason):
            "\(path): cannot write (\(reason)); check the folder exists and is writable"
        }
    }

    static let noCycles = Self(code: .noCycles)
    static func noSuchCycle(_ id: Int64) -> Self { Self(code: .noSuchCycle(id)) }
    static func noAgentCycles(_ agent: String) -> Self { Self(code: .noAgentCycles(agent)) }
    /// A record command named a task the cycle does not have.
    public static func noSuchTask(_ number: Int) -> Self { Self(code: .noSuchTask(number)) }
    static func writeFailed(_ path: String, reason: String) -> Self { Self(code: .writeFailed(path, reason)) }
}
