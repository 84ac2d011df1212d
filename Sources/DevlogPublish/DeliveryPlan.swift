/// What a publish must do, worked out from the parts and the outbox alone (no I/O), so the
/// decisions can be tested without a network.
public struct DeliveryPlan: Sendable, Equatable {
    /// One thing to do for one part.
    public enum Step: Sendable, Equatable {
        /// Part unchanged and confirmed: send nothing.
        case keep(part: Int, messageID: String)
        /// Part never confirmed and without a message: POST it. `mayDuplicate` is true when an
        /// earlier send may have posted it (recorded pending or failed after a send).
        case post(part: Int, mayDuplicate: Bool)
        /// Part changed since it was confirmed: PATCH the message in place.
        case edit(part: Int, messageID: String)
        /// An edit of the message was started but not confirmed: read the message first, then
        /// edit it only if it differs (or post anew if it was deleted).
        case verifyThenEdit(part: Int, messageID: String)
        /// A message beyond the new part count: DELETE it.
        case delete(part: Int, messageID: String)
        /// A record beyond the new part count that never got a message: drop the record.
        case forget(part: Int)
    }

    /// The steps, in order: parts by index, then surplus messages by index.
    public let steps: [Step]

    /// Plans the delivery of parts with fingerprints `hashes` (index = part number) given the
    /// outbox `records` of this devlog on this webhook.
    public init(hashes: [String], records: [OutboxRecord]) {
        let byIndex = Dictionary(records.map { ($0.partIndex, $0) }, uniquingKeysWith: { first, _ in first })
        var steps: [Step] = []
        for (index, hash) in hashes.enumerated() {
            guard let record = byIndex[index] else {
                steps.append(.post(part: index, mayDuplicate: false))
                continue
            }
            switch (record.state, record.messageID) {
            case (.sent, let id?) where record.contentHash == hash:
                steps.append(.keep(part: index, messageID: id))
            case (.sent, let id?):
                steps.append(.edit(part: index, messageID: id))
            case (_, let id?):
                steps.append(.verifyThenEdit(part: index, messageID: id))
            case (_, nil):
                steps.append(.post(part: index, mayDuplicate: record.attempts > 0))
            }
        }
        for record in records.sorted(by: { $0.partIndex < $1.partIndex }) where record.partIndex >= hashes.count {
            if let id = record.messageID {
                steps.append(.delete(part: record.partIndex, messageID: id))
            } else {
                steps.append(.forget(part: record.partIndex))
            }
        }
        self.steps = steps
    }
}
