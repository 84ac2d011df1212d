import DevlogTestSupport
import Foundation
import Testing

/// The same imports give the same devlogs whichever store holds them, and `devlog migrate`
/// carries a store from SQLite to PostgreSQL and back without changing a byte of them.
@Suite("SQLite and PostgreSQL: the same devlogs, and migrate between them", .serialized, TestPostgres.required)
struct PostgresParityTests {
    static let examples = SharedFixtures.repositoryRoot.appendingPathComponent("examples").path

    /// Every file under `folder`'s devlogs/, by path relative to it.
    static func devlogs(_ runner: CommandRunner) throws -> [String: Data] {
        let folder = runner.folder.appendingPathComponent("devlogs")
        let names = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
        return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) })
    }

    /// Imports `sources` into the folder's store (its SQLite default, or `db`) and writes every devlog.
    static func importAndGenerate(_ sources: [String], db: String? = nil) throws -> CommandRunner {
        let runner = CommandRunner(folder: try CommandRunner.temporaryFolder(), environment: db.map { ["DEVLOG_DB": $0] } ?? [:])
        for source in sources {
            let imported = try runner.run(["import", source])
            #expect(imported.status == 0, "\(imported.stderr)")
        }
        let generated = try runner.run(["generate", "--all"])
        #expect(generated.status == 0, "\(generated.stderr)")
        return runner
    }

    func compare(_ sources: [String]) throws {
        let sqlite = try Self.importAndGenerate(sources)
        let postgres = try Self.importAndGenerate(sources, db: try TestPostgres.freshDatabase())
        defer { for runner in [sqlite, postgres] { try? FileManager.default.removeItem(at: runner.folder) } }
        let expected = try Self.devlogs(sqlite), actual = try Self.devlogs(postgres)
        #expect(!expected.isEmpty)
        #expect(actual.keys.sorted() == expected.keys.sorted())
        for (name, bytes) in expected { #expect(actual[name] == bytes, "\(name) differs") }
        // Trends read other queries than generate: the same series, value for value.
        for format in ["--json", "--csv"] {
            let trends = try sqlite.run(["trends", format]), fromPostgres = try postgres.run(["trends", format])
            #expect(trends.status == 0 && !trends.stdout.isEmpty, "\(trends.stderr)")
            #expect(fromPostgres.stdout == trends.stdout, "trends \(format) differs")
        }
    }

    @Test("generate --all: byte-identical devlogs from the same imports of the examples")
    func examples() throws {
        try compare([Self.examples])
    }

    @Test("generate --all: byte-identical devlogs from the same imports of the corpus and the examples", SharedFixtures.required)
    func corpus() throws {
        try compare([SharedFixtures.corpus.path, Self.examples])
    }

    @Test("migrate --to a PostgreSQL URL twice, then back to a new SQLite file: the same cycles and devlogs each way")
    func migrateBothWays() throws {
        let sources = [Self.examples] + (SharedFixtures.isAvailable ? [SharedFixtures.corpus.path] : [])
        let sqlite = try Self.importAndGenerate(sources)
        defer { try? FileManager.default.removeItem(at: sqlite.folder) }
        let url = try TestPostgres.freshDatabase()
        let password = try TestPostgres.password()
        let cycles = try sqlite.run(["cycles", "--json"]).stdout
        let first = try sqlite.run(["migrate", "--to", url])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("to \(TestPostgres.withoutPassword(url))") && !first.stdout.contains(password), "\(first.stdout)")
        let again = try sqlite.run(["migrate", "--to", url])
        #expect(again.status == 0 && again.stdout == first.stdout, "a second copy changes nothing: \(again.stderr)")
        #expect(try sqlite.run(["cycles", "--json", "--db", url]).stdout == cycles)

        let back = sqlite.folder.appendingPathComponent("back/devlog.sqlite").path
        let returned = try sqlite.run(["migrate", "--db", url, "--to", back])
        #expect(returned.status == 0, "\(returned.stderr)")
        #expect(try sqlite.run(["cycles", "--json", "--db", back]).stdout == cycles)

        let regenerated = CommandRunner(folder: try CommandRunner.temporaryFolder(), environment: ["DEVLOG_DB": back])
        defer { try? FileManager.default.removeItem(at: regenerated.folder) }
        #expect(try regenerated.run(["generate", "--all"]).status == 0)
        #expect(try Self.devlogs(regenerated) == Self.devlogs(sqlite))
    }
}
