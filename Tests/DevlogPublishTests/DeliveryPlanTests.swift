@testable import DevlogPublish
import Foundation
import Testing

@Suite("DeliveryPlan (pure)")
struct DeliveryPlanTests {
    func record(_ index: Int, _ hash: String, _ state: OutboxRecord.State, id: String?, attempts: Int = 1) -> OutboxRecord {
        OutboxRecord(devlogKey: "d", webhookID: "w", partIndex: index, contentHash: hash, state: state, attempts: attempts, messageID: id, updatedAt: Date())
    }

    @Test("nothing recorded: post everything")
    func fresh() {
        #expect(DeliveryPlan(hashes: ["a", "b"], records: []).steps == [.post(part: 0, mayDuplicate: false), .post(part: 1, mayDuplicate: false)])
    }

    @Test("unchanged and confirmed: keep; changed: edit; surplus: delete or forget")
    func changes() {
        let records = [
            record(0, "a", .sent, id: "10"), record(1, "b", .sent, id: "11"),
            record(2, "c", .sent, id: "12"), record(3, "d", .pending, id: nil),
        ]
        #expect(DeliveryPlan(hashes: ["a", "B"], records: records).steps == [
            .keep(part: 0, messageID: "10"), .edit(part: 1, messageID: "11"),
            .delete(part: 2, messageID: "12"), .forget(part: 3),
        ])
    }

    @Test("interrupted sends: verify edits that have an id; re-post, flagged, those that have none")
    func interrupted() {
        let records = [
            record(0, "a", .pending, id: "10"), record(1, "b", .failed, id: "11"),
            record(2, "c", .pending, id: nil), record(3, "d", .failed, id: nil, attempts: 0),
        ]
        #expect(DeliveryPlan(hashes: ["a", "b", "c", "d"], records: records).steps == [
            .verifyThenEdit(part: 0, messageID: "10"), .verifyThenEdit(part: 1, messageID: "11"),
            .post(part: 2, mayDuplicate: true), .post(part: 3, mayDuplicate: false),
        ])
    }
}
