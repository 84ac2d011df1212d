public import DevlogSite
import DevlogStore
import Foundation

extension DevlogProject {
    /// Writes the static site of every stored devlog into `directory` (``SiteWriter``): pages are
    /// rendered with the project's templates and recorded facts on all cores, each written only
    /// when its bytes change, and pages of devlogs no longer stored are removed.
    ///
    /// - Parameter links: how commits and Discord messages are linked; default the config file's `site:`.
    public func writeSite(to directory: String, links: SiteSettings? = nil) async throws -> SiteWriter.Report {
        let links = links ?? settings.site
        let writer = try SiteWriter(directory: directory, logger: logger)
        let trends = try trends()
        let summaries = Dictionary(try store.cycles().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let facts = try store.allFacts()
        let published = try store.publishedKeys()
        try await renderAll(trends.cycles.map(\.id)) { generated in
            let id = generated.cycleID
            guard let summary = summaries[id] else { return }
            let commit = facts[id]?[FactKey.commitHash].map { hash in
                SiteDevlog.Link(text: String(hash.prefix(12)), url: hash.allSatisfy(\.isHexDigit)
                    ? links.commitURL?.replacingOccurrences(of: "{hash}", with: hash) : nil)
            }
            let discord = try published.contains(String(id)) ? self.publication(for: id).map { publication in
                let message = publication.messageIDs.first ?? ""
                let text = "message \(message)" + (publication.channelID.map { " in channel \($0)" } ?? "")
                let url = zip(links.discordServer, publication.channelID).map { "https://discord.com/channels/\($0)/\($1)/\(message)" }
                return SiteDevlog.Link(text: text, url: message.isEmpty ? nil : url)
            } : nil
            let name = generated.fileName.hasSuffix(".md") ? String(generated.fileName.dropLast(3)) : generated.fileName
            try writer.add(SiteDevlog(
                id: id, name: name, title: summary.title, agent: summary.agent, mission: summary.mission, cycle: summary.label,
                date: summary.date, status: generated.devlog.agentMissionCycle.mission?.status?.text, markdown: generated.markdown,
                commit: commit, discord: discord))
        }
        return try writer.finish(trends: trends)
    }
}

private func zip<A, B>(_ first: A?, _ second: B?) -> (A, B)? {
    guard let first, let second else { return nil }
    return (first, second)
}

extension DevlogProject {
    /// `devlog cycle`'s last step: the site refreshed with the cycle in it.
    func siteStep(_ directory: String) async -> CycleStep {
        do {
            let report = try await writeSite(to: directory)
            return CycleStep(name: "site", result: .succeeded,
                             detail: "\(directory): \(report.written) written, \(report.unchanged) unchanged, \(report.removed) removed")
        } catch {
            return CycleStep(name: "site", result: .failed, detail: "\(error)", next: "fix what is named above and run `devlog site -o \(directory)`")
        }
    }
}
