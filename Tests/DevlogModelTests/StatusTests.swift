import DevlogModel
import Testing

@Suite struct StatusTests {
    @Test(arguments: [
        ("COMPLETED", Status.State.completed), ("✅ Completed", .completed), ("✅️ **Done**", .completed),
        ("RESOLVED - All contracts properly synchronized", .completed), ("In Progress", .inProgress),
        ("🔄 In Progress", .inProgress), ("⏳ Pending", .pending), ("`pending`", .pending), ("BLOCKED", .blocked),
        ("❌ Failed", .failed), ("cancelled", .cancelled),
    ])
    func writtenStatusesNormalize(_ written: String, _ state: Status.State) {
        #expect(Status(parsing: written) == Status(state, text: written))
    }

    @Test(arguments: ["Verified module structure", "donated", "", "Ready-made plan"])
    func prosIsNotAStatus(_ text: String) {
        #expect(Status(parsing: text) == nil)
    }

    @Test func canonicalSpellingPerState() {
        #expect(Status(.inProgress).text == "In Progress")
        #expect(Status.State.completed.isFinal && !Status.State.blocked.isFinal)
    }
}

@Suite struct QuantityTests {
    @Test(arguments: [
        ("85%", 85.0, "%"), ("`3/10`", 3.0, "/10"), ("~2 minutes", 2.0, "minutes"), ("50% established (superior)", 50.0, "%"),
        ("10,000 files", 10_000.0, "files"), ("1.5 GB", 1.5, "GB"), ("Score: -3 points", -3.0, "points"), ("9/10", 9.0, "/10"),
    ])
    func numbersAndUnitsAreRead(_ text: String, _ number: Double, _ unit: String) {
        #expect(Quantity(parsing: text) == Quantity(number: number, unit: unit))
    }

    @Test func textWithoutANumberHasNoQuantity() {
        #expect(Quantity(parsing: "Low") == nil)
    }
}
