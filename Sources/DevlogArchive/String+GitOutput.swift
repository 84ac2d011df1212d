extension String {
    /// The text without its trailing newline(s), as git prints one-line answers.
    var trimmedLine: String {
        var text = Substring(self)
        while text.last == "\n" || text.last == "\r" { text = text.dropLast() }
        return String(text)
    }
}
