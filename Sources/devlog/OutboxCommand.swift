import ArgumentParser
import DevlogKit
import Foundation

/// `devlog outbox`: the deliveries not confirmed by Discord.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "List pending and failed Discord deliveries (resume them with `devlog publish --retry-failed`)."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let deliveries = try global.project().pendingDeliveries()
        if global.json {
            try Terminal.printJSON(deliveries)
            return
        }
        guard !deliveries.isEmpty else {
            Terminal.print("nothing pending: every delivery was confirmed")
            return
        }
        for delivery in deliveries {
            Terminal.print("cycle \(delivery.cycleID) part \(delivery.part): \(delivery.state), \(delivery.attempts) attempt(s), "
                + "\(delivery.webhook)" + (delivery.lastError.map { ": \($0)" } ?? ""))
        }
    }
}
