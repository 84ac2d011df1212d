import Foundation
import GRDB

extension DevlogStore {
    /// The data migration that rewrites content hashes with ``ContentHash``.
    static let contentHashMigrationIdentifier = "murmurContentHashes"

    /// Rewrites every stored cycle's content hash with ``ContentHash`` (earlier versions stored
    /// FNV-1a 128). Identities stay: a devlog named by its content keeps its ``ContentName``,
    /// its first one if it was edited since. Revisions stay too: the content did not change.
    static func rehashContent(_ db: Database) throws {
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM cycles")
        let read = try db.makeStatement(sql: "SELECT blocks FROM cycles WHERE id = ?")
        let update = try db.makeStatement(sql: "UPDATE cycles SET content_hash = ? WHERE id = ?")
        for id in ids {
            guard let blocks = try Data.fetchOne(read, arguments: [id]) else { continue }
            try update.execute(arguments: [ContentHash.of(packed: [UInt8](blocks)), id])
        }
    }
}
