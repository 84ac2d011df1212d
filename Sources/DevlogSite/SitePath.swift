/// File names of the site's pages: safe on every file system, and never two names for one page
/// or one name for two.
enum SitePath {
    /// The manifest that marks a folder as a site `devlog site` wrote, listing its files.
    static let manifest = ".devlog-site"
    /// The file a run holds locked, so runs on one site take turns.
    static let lock = ".devlog-site.lock"
    /// The manifest's first line.
    static let manifestHeader = "devlog site 1"
    /// The folders the site writes into.
    static let folders = ["cycles", "agents", "missions"]

    /// `Agent-7` as is; a name with other characters reduced to safe ones and followed by a
    /// hash of the whole name, so `Agent 7` and `Agent/7` stay apart.
    static func slug(_ name: String) -> String {
        let kept = String(name.unicodeScalars.map { isSafe($0) ? Character($0) : "-" }.prefix(60))
        if kept == name, !name.isEmpty, !name.hasPrefix(".") { return name }
        return kept.trimmingDots + "-" + hash(name)
    }

    /// Whether `path` is one this site could have written: folders and names of safe characters,
    /// none starting with a dot, so an edited manifest can name nothing outside the folder.
    static func isOwn(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), path.hasSuffix(".html") || path == "style.css" else { return false }
        if parts.count == 2, !folders.contains(String(parts[0])) { return false }
        return parts.allSatisfy { !$0.isEmpty && !$0.hasPrefix(".") && $0.unicodeScalars.allSatisfy(isSafe) }
    }

    private static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" || scalar == "."
    }

    /// FNV-1a, 64 bits, as 12 hex digits: stable across runs and machines, unlike `hashValue`.
    private static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        let hex = String(value, radix: 16)
        return String((String(repeating: "0", count: max(0, 16 - hex.count)) + hex).prefix(12))
    }
}

private extension String {
    var trimmingDots: String {
        var text = Substring(self)
        while text.first == "." { text = text.dropFirst() }
        return String(text)
    }
}
