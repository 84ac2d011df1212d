@testable import DevlogStore
import Foundation
import GRDB
import Testing

@Suite("Date.storageText: GRDB's stored form of a date, without ICU")
struct DateStorageTextTests {
    static let dates: [Date] = [
        Date(timeIntervalSince1970: 0),
        Date(timeIntervalSince1970: 1_795_862_368.848),
        Date(timeIntervalSince1970: 951_782_400.5),  // 2000-02-29, a leap day
        Date(timeIntervalSince1970: 4_102_444_799.999),  // 2099-12-31 23:59:59.999
        Date(timeIntervalSince1970: -86_400.25),  // before 1970
    ]

    @Test("matches GRDB's own conversion to the millisecond", arguments: dates)
    func matchesGRDB(_ date: Date) throws {
        #expect(date.storageText.databaseValue == date.databaseValue)
    }

    @Test("reads back through GRDB as the same date, to the millisecond", arguments: dates)
    func readsBack(_ date: Date) throws {
        let queue = try DatabaseQueue()
        let read = try queue.read { db in try Date.fetchOne(db, sql: "SELECT ?", arguments: [date.storageText]) }
        let back = try #require(read)
        #expect(abs(back.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.001)
    }
}
