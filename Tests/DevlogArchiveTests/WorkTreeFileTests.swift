import DevlogArchive
import Foundation
import Testing

@Suite("WorkTreeFile")
struct WorkTreeFileTests {
    private func inode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int)
    }

    @Test("creates folders, replaces a changed file with a new one, leaves an identical one alone")
    func writes() throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        let path = sandbox.url("a/b").path + "/devlog.md"

        #expect(try WorkTreeFile.write("first\n", to: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first\n")
        let written = try inode(path)

        // The same text: nothing written, the very same file stays.
        #expect(try WorkTreeFile.write("first\n", to: path) == false)
        #expect(try inode(path) == written)

        // Other text, even of the same length: a new file renamed over the old one, so a reader
        // holding the old one never sees a mix.
        #expect(try WorkTreeFile.write("other\n", to: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "other\n")
        #expect(try inode(path) != written)
        #expect(try WorkTreeFile.write("", to: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "")

        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.url("a/b").path) == ["devlog.md"])
    }

    @Test("a folder that cannot be written is named in the error, and nothing is left behind")
    func unwritable() throws {
        let sandbox = try TestRepository()
        defer { sandbox.remove() }
        let folder = sandbox.url("locked").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // A file where the folder should be: no user, root included, can create files under it.
        let blocked = folder + "/file"
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocked))

        #expect {
            try WorkTreeFile.write("text\n", to: blocked + "/devlog.md")
        } throws: { error in
            (error as? WorkTreeFile.WriteError)?.path.hasPrefix(blocked) == true
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["file"])
    }
}
