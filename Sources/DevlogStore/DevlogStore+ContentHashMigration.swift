import Foundation
import GRDB

extension DevlogStore {
    /// The data migration that rewrites content hashes with ``ContentHash``.
    static let contentHashMigrationIdentifier = "murmurContentHashes"

    /// Rewrites every stored cycle's content hash with ``ContentHash`` (earlier versions stored
    /// FNV-1a 128), and the identity of each cycle named by its content hash, so that saving the
    /// same devlog again still finds it. Revisions stay as they are: the content did not change.
    static func rehashContent(_ db: Database) throws {
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM cycles")
        let read = try db.makeStatement(sql: "SELECT blocks FROM cycles WHERE id = ?")
        let update = try db.makeStatement(sql: """
            UPDATE cycles SET content_hash = ?1,
                              identity = CASE WHEN substr(identity, 1, length(?2)) = ?2 THEN ?1 ELSE identity END
            WHERE id = ?3
            """)
        for id in ids {
            guard let blocks = try Data.fetchOne(read, arguments: [id]) else { continue }
            try update.execute(arguments: [ContentHash.of(packed: [UInt8](blocks)), ContentHash.replacedPrefix, id])
        }
    }
}
