import DevlogModel
import DevlogPostgres
import DevlogStore
import DevlogTestSupport
import Foundation
import Testing

/// What only the PostgreSQL store has: a connection to a server, which can be lost.
@Suite("PostgresStore: a lost connection", TestPostgres.required)
struct PostgresStoreTests {
    @Test("the server ends the session: at most one call fails, with one line and no password; the next reconnects, nothing lost")
    func lostConnection() throws {
        let target = try StoreUnderTest(.postgres)
        let store = try target.open()
        let id = try store.save(RecordStoreConformanceTests.devlog(), source: "x").id
        let password = try TestPostgres.password()
        try TestPostgres.psql("""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(target.databaseName)' AND pid <> pg_backend_pid()
            """)
        do {
            _ = try store.cycles()
        } catch {
            #expect(error is StoreError)
            #expect(!"\(error)".contains("\n") && !"\(error)".contains(password), "\(error)")
        }
        #expect(try store.cycles().map(\.id) == [id])
        try store.update(id: id) { $0.addTask("After the reconnect", status: Status(.pending)) }
        #expect(try target.open().devlog(id: id)?.revision == 2)
    }
}
