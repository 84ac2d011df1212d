import DevlogStore
import DevlogTestSupport
import Foundation
import GRDB
import Testing

/// Folder imports under faults: processes killed with SIGKILL at random moments, and a disk that
/// fills mid-import. The database must stay intact, and every file a process reported imported
/// (`devlog import --verbose` prints a file's line only after its transaction committed) must be
/// in it.
@Suite("devlog import under kill -9 and a full disk", .serialized)
struct ImportFaultTests {
    static let fileCount = 240

    /// A folder of `count` cycle files, cycle numbers 1...count of one agent and mission, each a
    /// copy of the bundled example.
    static func cycleFolder(in folder: URL, count: Int = fileCount) throws -> URL {
        let example = try String(contentsOf: SharedFixtures.repositoryRoot.appendingPathComponent("examples/agent-7-cycle-3.yaml"), encoding: .utf8)
        let files = folder.appendingPathComponent("cycles")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        for number in 1...count {
            let text = example.replacingOccurrences(of: "cycle:\n  number: 3\n", with: "cycle:\n  number: \(number)\n")
            try Data(text.utf8).write(to: files.appendingPathComponent(String(format: "cycle-%04d.yaml", number)))
        }
        return files
    }

    /// Starts `devlog import --verbose` through `sh` (for `prefix`, shell commands run before
    /// it), its output going to `output`.
    static func startImport(database: String, folder: URL, output: URL, prefix: String = "") throws -> Process {
        let devlog = try #require(CommandRunner.executable)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", prefix + "exec \"$0\" import --verbose --db \"$1\" \"$2\"", devlog.path, database, folder.path]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The files an import's output reports stored.
    static func reportedStored(_ output: URL) throws -> Set<String> {
        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        return Set(lines.compactMap { line -> String? in
            // The summary line starts with "imported" too; a file's line ends with its name.
            for outcome in ["imported ", "updated ", "unchanged "] where line.hasPrefix(outcome) && line.hasSuffix(".yaml") {
                return (String(line.dropFirst(outcome.count)) as NSString).lastPathComponent
            }
            return nil
        })
    }

    /// The file names whose cycles the database holds, after checking it is intact.
    static func storedFiles(_ database: String) throws -> [String] {
        let queue = try DatabaseQueue(path: database)
        let check = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        #expect(check == ["ok"])
        let labels = try DevlogStore(path: database).cycles().map(\.label)
        return labels.compactMap(Int.init).map { String(format: "cycle-%04d.yaml", $0) }
    }

    @Test("3 processes importing one folder, killed with SIGKILL at random moments, 4 rounds: intact, nothing reported lost")
    func killedImports() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try Self.cycleFolder(in: folder)
        let database = folder.appendingPathComponent("store/devlog.sqlite").path
        var random = SeededGenerator(seed: 11)
        var reported = Set<String>()
        var killed = 0
        for round in 0..<4 {
            let outputs = (0..<3).map { folder.appendingPathComponent("round\(round)-\($0).out") }
            let processes = try outputs.map { try Self.startImport(database: database, folder: files, output: $0) }
            for process in processes {
                Thread.sleep(forTimeInterval: Double.random(in: 0.05...0.6, using: &random))
                if process.isRunning {
                    kill(process.processIdentifier, SIGKILL)
                    killed += 1
                }
            }
            for process in processes { process.waitUntilExit() }
            for output in outputs { reported.formUnion(try Self.reportedStored(output)) }
            let stored = Set(try Self.storedFiles(database))
            #expect(reported.isSubset(of: stored), "reported but missing: \(reported.subtracting(stored).sorted())")
        }
        #expect(killed > 0, "no import was still running when killed; the test proved nothing")
        #expect(!reported.isEmpty)

        // A run to the end completes the import, with no cycle twice.
        let last = folder.appendingPathComponent("final.out")
        let finisher = try Self.startImport(database: database, folder: files, output: last)
        finisher.waitUntilExit()
        #expect(finisher.terminationStatus == 0)
        let stored = try Self.storedFiles(database)
        #expect(stored.count == Self.fileCount)
        #expect(Set(stored).count == Self.fileCount)
    }

    @Test("a disk that fills mid-import (RLIMIT_FSIZE): the database stays intact, a rerun completes it")
    func fullDisk() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try Self.cycleFolder(in: folder)
        let database = folder.appendingPathComponent("devlog.sqlite").path

        // Writes past 1 MiB fail with EFBIG (SIGXFSZ ignored) as on a full disk; sh's ulimit -f
        // counts 512-byte blocks.
        let limited = folder.appendingPathComponent("limited.out")
        let filling = try Self.startImport(database: database, folder: files, output: limited, prefix: "trap '' XFSZ; ulimit -f 2048; ")
        filling.waitUntilExit()
        #expect(filling.terminationStatus != 0, "the import fit under the limit; the test proved nothing")
        let reported = try Self.reportedStored(limited)
        let stored = Set(try Self.storedFiles(database))
        #expect(!reported.isEmpty)
        #expect(reported.isSubset(of: stored), "reported but missing: \(reported.subtracting(stored).sorted())")
        #expect(stored.count < Self.fileCount)

        let rerun = try Self.startImport(database: database, folder: files, output: folder.appendingPathComponent("rerun.out"))
        rerun.waitUntilExit()
        #expect(rerun.terminationStatus == 0)
        #expect(Set(try Self.storedFiles(database)).count == Self.fileCount)
    }
}
