import ArgumentParser
import DevlogKit
import Foundation

/// `devlog site`: the static site of every stored devlog.
struct SiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Write a static site of the stored devlogs: an index, each devlog as HTML, charts of each agent's and mission's metrics.",
        discussion: """
        The folder must be new, empty, or a site devlog wrote before (it holds .devlog-site): only then \
        is it written into. A page is rewritten only when its bytes change, and pages of devlogs no \
        longer stored are removed. Commits and Discord messages are linked when .devlog/config.yaml \
        says how (site.commit_url, site.discord_server); site.directory is the default folder, and \
        makes `devlog cycle` refresh the site at its end.
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var templates: TemplateOptions
    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The site's folder (default: the config file's site.directory).", valueName: "dir"))
    var output: String?

    func run() async throws {
        let project = try global.project(templates: templates.templates)
        guard let folder = output ?? project.settings.site.directory else {
            throw ValidationError("name the site's folder with -o DIR, or set site.directory in .devlog/config.yaml")
        }
        let report = try await project.writeSite(to: folder)
        if global.json {
            try Terminal.printJSON(["written": report.written, "unchanged": report.unchanged, "removed": report.removed])
        } else {
            Terminal.print("\(folder): \(report.written) written, \(report.unchanged) unchanged, \(report.removed) removed; open \(folder)/index.html")
        }
    }
}
