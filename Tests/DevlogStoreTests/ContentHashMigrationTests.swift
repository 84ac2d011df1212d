import DevlogModel
@testable import DevlogStore
import Foundation
import GRDB
import Testing

@Suite("DevlogStore: content hashes of earlier versions rewritten")
struct ContentHashMigrationTests {
    @Test("a store of FNV-1a content hashes gets MurmurHash3 ones; identities stay, and every devlog is found again")
    func rehashes() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("fnv.sqlite")
        let named = StoreFixtures.devlog(cycle: 1)
        // No agent, mission or cycle: named by its content (ContentName).
        let anonymous = Devlog(blocks: [.title("A devlog of no agent"), .text("Named by its content.")])
        let edited = Devlog(blocks: [.title("Another devlog of no agent"), .text("Edited after its first save.")])
        do {
            let store = try DevlogStore(path: path)
            try store.save(named, source: "named.md")
            try store.save(anonymous, source: "anonymous.md")
            let id = try store.save(edited, source: "edited.md").id
            // An edited devlog named by its content keeps its first name.
            try store.update(id: id) { $0.blocks.append(.text("A line added later.")) }
        }
        // As an earlier version left the file: FNV-1a content hashes, this migration not applied.
        try DatabaseQueue(path: path).write { db in
            for row in try Row.fetchAll(db, sql: "SELECT id, blocks FROM cycles") {
                try db.execute(sql: "UPDATE cycles SET content_hash = ? WHERE id = ?",
                               arguments: [ContentName.of(packed: [UInt8](row["blocks"] as Data)), row["id"] as Int64])
            }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [DevlogStore.contentHashMigrationIdentifier])
        }
        let identities = { try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT identity FROM cycles ORDER BY id") } }
        let before = try identities()

        let store = try DevlogStore(path: path)
        let rows = try DatabaseQueue(path: path).read { db in try Row.fetchAll(db, sql: "SELECT content_hash, revision, blocks FROM cycles ORDER BY id") }
        for row in rows {
            #expect(row["content_hash"] as String == ContentHash.of(packed: [UInt8](row["blocks"] as Data)))
        }
        #expect(rows.map { $0["revision"] as Int } == [1, 1, 2])
        #expect(try identities() == before)
        #expect(before[1] == ContentName.of(packed: PackedBlocks.pack(anonymous.blocks)))
        #expect(before[2] == ContentName.of(packed: PackedBlocks.pack(edited.blocks)))
        #expect(try store.save(named, source: "named.md").change == .unchanged)
        #expect(try store.save(anonymous, source: "anonymous.md").change == .unchanged)
        // The edited one's first file is found by its first name, not added as a new devlog.
        #expect(try store.save(edited, source: "edited.md").change == .updated)
        #expect(try store.cycles().count == 3)
    }
}
