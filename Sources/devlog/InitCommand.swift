import ArgumentParser
import DevlogKit
import DevlogRender
import Foundation

/// `devlog init`: creates the database and the devlogs folder; running it again changes nothing.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the database and the devlogs/ folder here (safe to run again).",
        discussion: "With --copy-templates, also writes the default templates into templates/ for editing; existing files are kept."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var templateOptions: TemplateOptions

    @Flag(name: .long, help: "Copy the default templates into templates/ (existing files are kept).")
    var copyTemplates = false

    func run() throws {
        let project = try global.project()
        try FileManager.default.createDirectory(atPath: project.configuration.devlogsDirectory, withIntermediateDirectories: true)
        var copied: [String] = []
        if copyTemplates {
            let folder = templateOptions.templates ?? "templates"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (name, source) in DefaultTemplates.all.sorted(by: { $0.key < $1.key }) {
                let path = (folder as NSString).appendingPathComponent(name + ".mustache")
                guard !FileManager.default.fileExists(atPath: path) else { continue }
                try project.write(source, to: path)
                copied.append(path)
            }
        }
        if global.json {
            try Terminal.printJSON(["database": project.store.location, "devlogs": project.configuration.devlogsDirectory,
                                    "templatesCopied": copied.joined(separator: ",")])
        } else {
            Terminal.print("database: \(project.store.location)")
            Terminal.print("devlogs:  \(project.configuration.devlogsDirectory)/")
            if !copied.isEmpty { Terminal.print("templates copied: \(copied.count)") }
        }
    }
}
