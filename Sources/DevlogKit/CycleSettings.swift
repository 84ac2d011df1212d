/// How `devlog cycle` treats the check's findings, from the `cycle:` section of `.devlog/config.yaml`.
public struct CycleSettings: Sendable, Hashable {
    /// Whether contradictions stop the job before it generates, publishes and archives
    /// (`cycle.strict`, the default of `devlog cycle --strict`). Default false: they are reported
    /// and every step runs.
    public var strict: Bool

    /// Creates settings; the default reports contradictions without stopping.
    public init(strict: Bool = false) {
        self.strict = strict
    }
}
