import DevlogModel
import Testing

/// The metric shapes a trend reads: counts of a total, durations, and a number with a note.
@Suite struct QuantityReadingTests {
    @Test(arguments: [
        ("91%", 91.0, "%", nil), ("2/4", 2.0, "/4", 4.0), ("184", 184.0, "", nil), ("1.2 s", 1.2, "s", nil),
        ("0 (was 37 per 1,000 updates)", 0.0, "", nil), ("10/10 - Superior coordination", 10.0, "/10", 10.0),
    ] as [(String, Double, String, Double?)])
    func numberUnitAndTotal(_ text: String, _ number: Double, _ unit: String, _ total: Double?) throws {
        let quantity = try #require(Quantity(parsing: text))
        #expect(quantity.number == number)
        #expect(quantity.unit == unit)
        #expect(quantity.total == total)
    }

    @Test(arguments: [
        ("0 (was 37 per 1,000 updates)", "was 37 per 1,000 updates"), ("100% (Phase 1 completion processed)", "Phase 1 completion processed"),
        ("10/10 - Superior coordination", "Superior coordination"), ("1.2 s", nil), ("91%", nil), ("38 MB peak", "peak"),
        ("2 files (log, devlog)", "log, devlog"), ("Low", nil), ("3 (a) and (b)", "(a) and (b)"),
    ] as [(String, String?)])
    func noteAfterTheNumber(_ text: String, _ note: String?) {
        #expect(Quantity.note(in: text) == note)
    }

    @Test func theMetricKeepsItsTextAsWritten() {
        let metric = Metric(group: "Quality Metrics", label: "Stale Reads Observed", value: "0 (was 37 per 1,000 updates)")
        #expect(metric.value == "0 (was 37 per 1,000 updates)")
        #expect(metric.quantity == Quantity(number: 0, unit: ""))
    }
}
