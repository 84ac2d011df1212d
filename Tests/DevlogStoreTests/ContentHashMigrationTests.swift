import DevlogModel
@testable import DevlogStore
import Foundation
import GRDB
import Testing

@Suite("DevlogStore: content hashes of earlier versions rewritten")
struct ContentHashMigrationTests {
    /// FNV-1a 128 as earlier versions hashed packed blocks, one 128-bit multiply per byte.
    static func fnv(_ bytes: [UInt8]) -> String {
        var state: UInt128 = 0x6c62272e07bb014262b821756295c58d
        for byte in bytes {
            state ^= UInt128(byte)
            state = state &* 0x0000000001000000000000000000013B
        }
        let hex = String(state, radix: 16)
        return "fnv1a128:" + String(repeating: "0", count: 32 - hex.count) + hex
    }

    @Test("a store of FNV-1a hashes gets the new ones, identities too; saving the same devlogs finds them unchanged")
    func rehashes() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("fnv.sqlite")
        let named = StoreFixtures.devlog(cycle: 1)
        // No agent, mission or cycle: named by its content hash.
        let anonymous = Devlog(blocks: [.title("A devlog of no agent"), .text("Named by its content.")])
        do {
            let store = try DevlogStore(path: path)
            try store.save(named, source: "named.md")
            try store.save(anonymous, source: "anonymous.md")
        }
        // As an earlier version left the file: FNV-1a hashes, and this migration not applied.
        try DatabaseQueue(path: path).write { db in
            for row in try Row.fetchAll(db, sql: "SELECT id, identity, blocks FROM cycles") {
                let old = Self.fnv([UInt8](row["blocks"] as Data))
                let identity: String = row["identity"]
                try db.execute(sql: "UPDATE cycles SET content_hash = ?, identity = ? WHERE id = ?",
                               arguments: [old, identity.hasPrefix(ContentHash.prefix) ? old : identity, row["id"] as Int64])
            }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [DevlogStore.contentHashMigrationIdentifier])
        }
        let before = try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT identity FROM cycles ORDER BY id") }
        #expect(before[0] == "Agent-7|store_mission|1" && before[1].hasPrefix("fnv1a128:"))

        let store = try DevlogStore(path: path)
        let rows = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT identity, content_hash, revision, blocks FROM cycles ORDER BY id")
        }
        for row in rows {
            #expect(row["content_hash"] as String == ContentHash.of(packed: [UInt8](row["blocks"] as Data)))
            #expect(row["revision"] as Int == 1)
        }
        #expect(rows.map { $0["identity"] as String } == ["Agent-7|store_mission|1", rows[1]["content_hash"] as String])
        #expect(try store.save(named, source: "named.md").change == .unchanged)
        #expect(try store.save(anonymous, source: "anonymous.md").change == .unchanged)
        #expect(try store.cycles().count == 2)
    }
}
