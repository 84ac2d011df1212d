/// Archiving could not finish; the description says why and what to do.
public struct ArchiveError: Error, CustomStringConvertible, Sendable {
    private enum Code: Sendable {
        case invalidPath(field: String, value: String, reason: String)
        case detachedHead
        case pushRejected(attempts: Int, seconds: Int, upstream: String, gitText: String)
        case foreignCommits(count: Int, upstream: String)
        case conflict(path: String, upstream: String)
        case localUpdateFailed(upstream: String, gitText: String)
        case uncommittedEdit(path: String)
        case symbolicLink(path: String, target: String)
        case outsideDayFolders(count: Int, directory: String)
        case relayoutBlocked(gitText: String)
        case remoteOutsideDayFolders(upstream: String)
    }

    /// Whether this is the refusal of a directory with devlogs outside day folders.
    var isOutsideDayFolders: Bool {
        if case .outsideDayFolders = code { return true }
        return false
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// What went wrong and what to do.
    public var description: String {
        switch code {
        case .invalidPath(let field, let value, let reason):
            return "\(field) '\(value)' \(reason); use a relative path inside the repository such as 'devlogs' or 'agent-6-cycle-2.md'."
        case .detachedHead:
            return "cannot push from a detached HEAD (the devlog was committed there); check out a branch, e.g. `git switch -c devlogs`, and archive again with push."
        case .pushRejected(let attempts, let seconds, let upstream, let gitText):
            return "push to \(upstream) was still rejected after \(attempts) attempt(s) in \(seconds) s because others kept pushing first; git said:\n\(gitText)\nThe devlog is committed locally: run `git pull --rebase` and `git push`, or archive again with a longer --push-timeout."
        case .foreignCommits(let count, let upstream):
            return "push to \(upstream) was rejected and the branch holds \(count) commit(s) that are not devlog archive commits and not on \(upstream); devlog rebases only its own commits: run `git pull --rebase` and `git push` yourself, then archive again."
        case .conflict(let path, let upstream):
            return "\(path) was changed differently on \(upstream) while this devlog was being archived; pick one version (`git pull --rebase`), then archive again."
        case .localUpdateFailed(let upstream, let gitText):
            return "could not bring the work tree up to \(upstream) after rebasing the devlog commit; git said:\n\(gitText)\nCommit or stash the changes git names, then archive again."
        case .uncommittedEdit(let path):
            return "\(path) has changes that are not committed, and archiving would overwrite them; commit them, or discard them with `git checkout -- \(path)` (or move the file aside), then archive again."
        case .symbolicLink(let path, let target):
            return "\(path) is a symbolic link (to \(target)); git stores no devlog behind one, so nothing was written: make it a folder, or archive into another with --archive-dir."
        case .relayoutBlocked(let gitText):
            return "could not move the devlogs in the work tree, so nothing was committed; git said:\n\(gitText)\nCommit or stash the changes git names (move an untracked file aside), then run `devlog archive --relayout` again."
        case .remoteOutsideDayFolders(let upstream):
            return "push to \(upstream) was rejected, and \(upstream) holds devlogs outside day folders (pushed by a devlog from before day folders), so this commit cannot be replayed there; the devlog is committed locally: run `git pull --rebase`, `devlog archive --relayout --push`, and upgrade the agents that push flat devlogs."
        case .outsideDayFolders(let count, let directory):
            return "\(directory)/ holds \(count) devlog(s) outside day folders, archived before devlog kept a folder per day; nothing was written: move them into day folders once with `devlog archive --relayout`, then archive again."
        }
    }

    static func invalidPath(field: String, value: String, reason: String) -> ArchiveError {
        ArchiveError(.invalidPath(field: field, value: value, reason: reason))
    }
    static var detachedHead: ArchiveError { ArchiveError(.detachedHead) }
    static func pushRejected(attempts: Int, elapsed: Duration, upstream: String, gitText: String) -> ArchiveError {
        ArchiveError(.pushRejected(attempts: attempts, seconds: Int(elapsed.components.seconds), upstream: upstream,
                                   gitText: CredentialRedactor.redact(gitText)))
    }
    static func foreignCommits(count: Int, upstream: String) -> ArchiveError {
        ArchiveError(.foreignCommits(count: count, upstream: upstream))
    }
    static func conflict(path: String, upstream: String) -> ArchiveError {
        ArchiveError(.conflict(path: path, upstream: upstream))
    }
    static func localUpdateFailed(upstream: String, gitText: String) -> ArchiveError {
        ArchiveError(.localUpdateFailed(upstream: upstream, gitText: CredentialRedactor.redact(gitText)))
    }
    static func uncommittedEdit(path: String) -> ArchiveError { ArchiveError(.uncommittedEdit(path: path)) }
    static func remoteOutsideDayFolders(upstream: String) -> ArchiveError {
        ArchiveError(.remoteOutsideDayFolders(upstream: upstream))
    }
    static func relayoutBlocked(gitText: String) -> ArchiveError {
        ArchiveError(.relayoutBlocked(gitText: CredentialRedactor.redact(gitText)))
    }
    static func outsideDayFolders(count: Int, directory: String) -> ArchiveError {
        ArchiveError(.outsideDayFolders(count: count, directory: directory))
    }
    static func symbolicLink(path: String, target: String) -> ArchiveError {
        ArchiveError(.symbolicLink(path: path, target: target))
    }
}
