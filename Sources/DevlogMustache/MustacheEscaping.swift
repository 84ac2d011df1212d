/// How `{{name}}` interpolations are escaped. `{{{name}}}` and `{{&name}}` never escape.
public enum MustacheEscaping: Sendable {
    /// Escape `& < > " '` as HTML entities: the spec's default.
    case html
    /// Write values as they are: for markdown output, where entities would show up literally.
    case none
}
