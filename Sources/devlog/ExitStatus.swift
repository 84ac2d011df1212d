/// The exit codes `devlog` documents in `devlog --help` and the README.
enum ExitStatus {
    /// Something failed; the message says what.
    static let failure: Int32 = 1
    /// `devlog check` found contradictions in the records; or `devlog cycle` ran every step and
    /// reported the contradictions its check found.
    static let findings: Int32 = 3
}
