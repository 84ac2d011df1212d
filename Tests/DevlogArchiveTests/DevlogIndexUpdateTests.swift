@testable import DevlogArchive
import Foundation
import Testing

@Suite("DevlogIndex updated from the committed index")
struct DevlogIndexUpdateTests {
    /// Rows with awkward values: shared dates, numeric and text cycles, `|`, brackets and spaces.
    static func rows(_ count: Int, seed: Int) -> [DevlogIndex.Row] {
        (0..<count).map { number in
            let n = number * 7919 + seed
            let meta = DevlogMetadata(date: "2025-09-\(10 + n % 5)", agent: "Agent-\(n % 3)", mission: n % 4 == 0 ? "m | x" : "m",
                                      cycle: n % 5 == 0 ? "Phase \(n % 7)" : "\(n % 11)", status: n % 2 == 0 ? "✅ done" : "")
            let path = n % 6 == 0 ? "team/agent (\(number)) [x].md" : "log-\(number).md"
            return DevlogIndex.Row(path: path, blob: "blob\(n)", metadata: meta)
        }
    }

    /// `markdown(updating:devlogs:read:)` over `rows` from `committed`, recording which devlogs it read.
    static func update(_ committed: String?, to rows: [DevlogIndex.Row]) async throws -> (markdown: String, read: Set<String>) {
        let byPath = Dictionary(uniqueKeysWithValues: rows.map { ($0.path, $0) })
        var read: Set<String> = []
        let markdown = try await DevlogIndex.markdown(updating: committed, devlogs: byPath.mapValues(\.blob)) { unread in
            read.formUnion(unread.map(\.path))
            return unread.map { byPath[$0.path]! }
        }
        return (markdown, read)
    }

    @Test("adding, changing and removing devlogs gives the index rebuilt from every devlog, reading only the new ones")
    func equalsRebuilt() async throws {
        for seed in 0..<20 {
            var rows = Self.rows(60, seed: seed)
            let committed = DevlogIndex(rows: rows).markdown
            // One devlog changed, one removed, three added.
            rows[seed % 60].metadata.status = "changed \(seed)"
            rows[seed % 60].blob += "-edited"
            rows.remove(at: (seed + 13) % 59)
            let added = Self.rows(3, seed: seed + 1000).enumerated().map { offset, row in
                DevlogIndex.Row(path: "new-\(seed)-\(offset).md", blob: row.blob, metadata: row.metadata)
            }
            rows += added
            let (markdown, read) = try await Self.update(committed, to: rows)
            #expect(markdown == DevlogIndex(rows: rows).markdown, "seed \(seed)")
            #expect(read == Set(added.map(\.path) + [rows[seed % 60].path]), "seed \(seed)")
        }
    }

    @Test("an index with a line out of shape, no index, or an empty one is rebuilt from the devlogs")
    func rebuildsOtherIndexes() async throws {
        let rows = Self.rows(12, seed: 3)
        let expected = DevlogIndex(rows: rows).markdown
        var edited = expected
        edited.replaceSubrange(try #require(edited.range(of: " | Agent-1 | ")), with: " | Agent-1 | extra | ")
        for committed in [nil, "", DevlogIndex(rows: []).markdown, edited, expected.replacingOccurrences(of: "# Devlogs", with: "# Logs")] {
            #expect(try await Self.update(committed, to: rows).markdown == expected)
        }
        // Of an index with a bad line, the other lines still read back: only that line's devlog is read again.
        #expect(try await Self.update(edited, to: rows).read.count == 1)
    }

    @Test("a line that keeps its shape but reads as no row, met while placing a new row, rebuilds the whole index")
    func unreadableProbe() async throws {
        var rows = Self.rows(8, seed: 5)
        // An empty agent cell (`||`): the line still names its path and blob, but reads as no row.
        let committed = DevlogIndex(rows: rows).markdown.replacingOccurrences(of: #"\| Agent-\d "#, with: "|", options: .regularExpression)
        #expect(committed.contains("||"))
        rows.append(DevlogIndex.Row(path: "z.md", blob: "z", metadata: DevlogMetadata(date: "2025-09-12")))
        let (markdown, read) = try await Self.update(committed, to: rows)
        #expect(markdown == DevlogIndex(rows: rows).markdown)
        #expect(read == Set(rows.map(\.path)))
    }
}
