import DevlogModel
import DevlogTestSupport
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

    @Test func aNumberTooLargeForADoubleHasNoQuantity() {
        // 400 digits would be +infinity, which neither JSON nor a comparison across cycles can use.
        #expect(Quantity(parsing: String(repeating: "9", count: 400) + " rows") == nil)
        #expect(Quantity(parsing: "-" + String(repeating: "9", count: 400)) == nil)
        #expect(Quantity(parsing: String(repeating: "9", count: 300))?.number.isFinite == true)
    }
}

@Suite struct StatusRecognitionEdgeTests {
    @Test(arguments: ["done\u{301}", "✅\u{FE0E} done", "Done\u{301} well", "🔄\u{301}", "in progress\u{301}", "✅ \u{301}"])
    func aSpellingFollowedByACombiningMarkIsNoStatus(_ text: String) {
        #expect(Status(parsing: text) == nil)
    }

    @Test(arguments: [("✅", Status.State.completed), ("Done e\u{301}", .completed), ("wip", .inProgress)])
    func aSpellingOnACharacterBoundaryIsOne(_ text: String, _ state: Status.State) {
        #expect(Status(parsing: text)?.state == state)
    }
}

/// Quantity's reading, scalar by scalar, as it was before it read bytes: the byte reading must
/// agree with it on any text.
@Suite struct QuantityReferenceTests {
    static func reference(_ text: String) -> Quantity? {
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count, !isDigit(scalars[index]) { index += 1 }
        guard index < scalars.count else { return nil }
        let negative = index > 0 && scalars[index - 1] == "-" && (index == 1 || scalars[index - 2] == " " || scalars[index - 2] == "(")
        var digits = ""
        var seenPoint = false
        while index < scalars.count {
            let scalar = scalars[index]
            if isDigit(scalar) {
                digits.unicodeScalars.append(scalar)
            } else if scalar == ",", !seenPoint, index + 1 < scalars.count, isDigit(scalars[index + 1]) {
            } else if scalar == ".", !seenPoint, index + 1 < scalars.count, isDigit(scalars[index + 1]) {
                seenPoint = true
                digits.unicodeScalars.append(scalar)
            } else {
                break
            }
            index += 1
        }
        guard let value = Double(digits) else { return nil }
        let rest = scalars[index...]
        var unit = ""
        if let first = rest.first {
            if first == "%" {
                unit = "%"
            } else if first == "/" {
                let denominator = rest.dropFirst().prefix(while: { isDigit($0) || $0 == "." })
                unit = denominator.isEmpty ? "" : "/" + String(String.UnicodeScalarView(denominator))
            } else {
                let word = first == " " ? rest.dropFirst() : rest
                let letters = word.prefix(while: { $0.properties.isAlphabetic })
                unit = letters.isEmpty || letters.count > 12 ? "" : String(String.UnicodeScalarView(letters))
            }
        }
        return Quantity(number: negative ? -value : value, unit: unit)
    }

    @Test(arguments: 0..<300)
    func byteReadingAgreesWithScalarReading(_ seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed))
        let pieces = ["1", "9", "0", ",", ".", "-", " ", "(", "%", "/", "x", "MB", "minutes", "é", "e\u{301}", "✅", "ß", "\u{301}",
                      "abcdefghijklm", "日本", "~"]
        for _ in 0..<20 {
            let text = (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(Quantity(parsing: text) == Self.reference(text), "\(text)")
        }
    }
}
