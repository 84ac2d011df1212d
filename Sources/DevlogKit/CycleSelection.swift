/// Which stored cycle a command works on.
public enum CycleSelection: Sendable, Hashable {
    /// The cycle with this id (`devlog cycles` lists them).
    case id(Int64)
    /// The most recently updated cycle, of one agent when named.
    case latest(agent: String?)
}
