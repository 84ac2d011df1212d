/// Hides the user-info part of URLs (`https://user:token@host` → `https://***@host`), so tokens
/// given in a remote URL never reach an error message or a log line.
enum CredentialRedactor {
    /// `text` with every `scheme://userinfo@` replaced by `scheme://***@`.
    static func redact(_ text: String) -> String {
        text.replacing(/(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*:\/\/)[^\/@\s]+@/) { match in
            "\(match.output.scheme)***@"
        }
    }

    /// The command line as a person would type it, redacted.
    static func command(_ arguments: [String]) -> String {
        let words = arguments.map { argument -> String in
            let safe = redact(argument)
            let needsQuotes = safe.isEmpty || safe.contains { $0 == " " || $0 == "\"" || $0 == "'" || $0 == "\n" }
            return needsQuotes ? "'\(safe.replacingOccurrences(of: "'", with: "'\\''"))'" : safe
        }
        return (["git"] + words).joined(separator: " ")
    }
}
