import DevlogStore

extension DevlogProject {
    /// Copies every cycle, with its facts, publications and outbox rows, into the store at
    /// `target` (created when missing), under the same ids: a copy run again changes nothing,
    /// and publishing from the target carries on where this store left off.
    public func copyStore(to target: StoreLocation) throws -> MigrationReport {
        let destination = try target.open(configuration: configuration.store, logger: logger)
        let contents = try store.contents()
        try destination.receive(contents)
        logger.info("store.copied", metadata: ["store.from": "\(store.location)", "store.to": "\(destination.location)",
                                               "store.cycles": "\(contents.cycles.count)"])
        return MigrationReport(from: store.location, to: destination.location, cycles: contents.cycles.count,
                               facts: contents.facts.values.reduce(0) { $0 + $1.count }, publications: contents.publications.count,
                               outboxRows: contents.outbox.count)
    }
}
