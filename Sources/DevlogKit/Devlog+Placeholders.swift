import DevlogModel

extension Devlog {
    /// A copy with recorded facts written where the devlog leaves a gap or a placeholder
    /// (`Commit Hash: Pending`, `Post Time: [Automated posting pending]`); values the devlog
    /// already states are kept.
    func fillingPlaceholders(with facts: [String: String]) -> Devlog {
        var devlog = self
        let commit = SectionReference(.commitInformation)
        devlog.fill("Commit Hash", facts[FactKey.commitHash], in: commit, subsection: "Git Commit")
        devlog.fill("Commit Message", facts[FactKey.commitMessage], in: commit, subsection: "Git Commit")
        devlog.fill("Files Changed", facts[FactKey.filesChanged], in: commit, subsection: "Git Commit")
        if let list = facts[FactKey.commitList], !list.isEmpty, !devlog.hasSubsection("Cycle Commits") {
            for line in list.split(separator: "\n") { devlog.append(.item(String(line)), to: commit, subsection: "Cycle Commits") }
        }
        devlog.fill("Current Branch", facts[FactKey.branch], in: commit, subsection: "Branch Status")
        devlog.fill("Tree State", facts[FactKey.treeState], in: commit, subsection: "Branch Status")
        let discord = SectionReference(.discordIntegration)
        devlog.fill("Discord Channel", facts[FactKey.discordChannel], in: discord, subsection: "Devlog Posted")
        devlog.fill("Post Time", facts[FactKey.discordTime], in: discord, subsection: "Devlog Posted")
        devlog.fill("Messages", facts[FactKey.discordMessages], in: discord, subsection: "Devlog Posted")
        return devlog
    }

    private mutating func fill(_ label: String, _ value: String?, in section: SectionReference, subsection: String) {
        guard let value, !value.isEmpty else { return }
        let written = blocks.first { ($0.kind == .field || $0.kind == .metric) && $0.label.lowercased() == label.lowercased() }?.value
        guard written.map(Self.isPlaceholder) ?? true else { return }
        setField(label, value, in: section, subsection: subsection)
    }

    private func hasSubsection(_ title: String) -> Bool {
        blocks.contains { $0.kind == .subsection && $0.value.lowercased() == title.lowercased() }
    }

    /// Empty, `Pending`, `[To be committed after review]`, `TBD`: a value still to be filled in.
    static func isPlaceholder(_ value: String) -> Bool {
        let text = value.unmarked.lowercased()
        return text.isEmpty || text.hasPrefix("[") || text.contains("pending") || text.hasPrefix("tbd") || text.hasPrefix("to be ")
            || text == "n/a" || text == "none yet"
    }
}
