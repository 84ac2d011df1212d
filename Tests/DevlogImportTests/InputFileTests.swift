import DevlogImport
import DevlogModel
import Foundation
import Testing

@Suite struct InputFileTests {
    /// A scratch folder removed when the test ends.
    final class Folder {
        let path: String
        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("input-file-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        func write(_ relative: String, _ text: String) throws {
            let file = (path as NSString).appendingPathComponent(relative)
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    static let devlog = "# DEVLOG\n\n## 📋 **AGENT INFORMATION**\n- **Agent ID:** Agent-1\n"

    @Test func foldersAreSearchedForDevlogsSkippingHiddenEntriesLinksAndIndexes() throws {
        let folder = try Folder()
        try folder.write("b.md", Self.devlog)
        try folder.write("README.md", "# Devlogs\n")
        try folder.write("a/README.md", "# Devlogs\n")
        try folder.write("a/readme.md", Self.devlog)
        try folder.write("a/nested/c.MARKDOWN", Self.devlog)
        try folder.write("a/d.yaml", "agent: Agent-1\n")
        try folder.write("a/notes.txt", "not a devlog")
        try folder.write(".hidden/e.md", Self.devlog)
        try folder.write("a/.f.md", Self.devlog)
        try folder.write("elsewhere/g.md", Self.devlog)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/linked.md", withDestinationPath: folder.path + "/b.md")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/a/linked", withDestinationPath: folder.path + "/elsewhere")

        let (files, problems) = InputFile.expand([folder.path, folder.path + "/missing"])
        let relative = files.map { String($0.path.dropFirst(folder.path.count + 1)) }
        #expect(relative == ["a/d.yaml", "a/nested/c.MARKDOWN", "a/readme.md", "b.md", "elsewhere/g.md"])
        #expect(files.map(\.format) == [.yaml, .markdown, .markdown, .markdown, .markdown])
        #expect(problems.map(\.description) == ["\(folder.path)/missing: no such file or directory"])
    }

    @Test func readingAFileParsesWhatItHolds() throws {
        let folder = try Folder()
        try folder.write("a.md", Self.devlog)
        let file = try #require(InputFile(path: folder.path + "/a.md"))
        let devlog = try file.read()
        #expect(devlog == (try file.parse(Data(Self.devlog.utf8))))
        #expect(devlog.agent?.id == "Agent-1")
        #expect(devlog.markdown == Self.devlog)
    }

    @Test func aFileThatCannotBeReadIsNamedWithWhatToDo() throws {
        let folder = try Folder()
        try FileManager.default.createDirectory(atPath: folder.path + "/dir.md", withIntermediateDirectories: true)
        for path in [folder.path + "/missing.md", folder.path + "/dir.md"] {
            let file = try #require(InputFile(path: path))
            #expect(throws: ImportError.self) { try file.read() }
            do {
                _ = try file.read()
            } catch {
                #expect(error.description.hasPrefix(path))
                #expect(error.description.contains("cannot read the file; check that it exists and is readable"))
            }
        }
    }
}
