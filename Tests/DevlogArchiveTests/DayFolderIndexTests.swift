@testable import DevlogArchive
import Testing

@Suite("DayFolderIndex")
struct DayFolderIndexTests {
    @Test("a date names its day folder; anything else is undated")
    func folders() {
        #expect(DayFolderIndex.folder(forDate: "2025-09-12") == "2025-09-12")
        for date in ["", "2025-9-12", "2025-09-12T10:00", "September 12", "２０２５-09-12", "2025/09/12"] {
            #expect(DayFolderIndex.folder(forDate: date) == "undated", "\(date)")
        }
    }

    @Test("days newest first, undated last; a count of 0 drops the day; the text reads back")
    func roundTrip() async throws {
        let counts = ["2025-09-10": 3, "undated": 1, "2026-01-02": 2, "2025-09-12": 5]
        let text = try await DayFolderIndex.markdown(updating: nil, counts: [:]) { counts }
        let days = text.split(separator: "\n").filter { $0.hasPrefix("| [") }.map { $0.split(separator: "]")[0].dropFirst(3) }
        #expect(days == ["2026-01-02", "2025-09-12", "2025-09-10", "undated"])
        #expect(DayFolderIndex.rows(in: text) == counts)

        let updated = try await DayFolderIndex.markdown(updating: text, counts: ["2025-09-10": 0, "2025-09-12": 6]) {
            Issue.record("an index devlog wrote is updated without recounting")
            return [:]
        }
        #expect(DayFolderIndex.rows(in: updated) == ["undated": 1, "2026-01-02": 2, "2025-09-12": 6])
        let empty = try await DayFolderIndex.markdown(updating: updated, counts: ["undated": 0, "2026-01-02": 0, "2025-09-12": 0]) { [:] }
        #expect(empty.hasSuffix("No devlogs yet.\n") && DayFolderIndex.rows(in: empty) == [:])
    }

    @Test("an index edited by hand, or from before day folders, is written again from a recount")
    func editedIndexRecounted() async throws {
        let text = try await DayFolderIndex.markdown(updating: nil, counts: ["2025-09-12": 2]) { [:] }
        for edited in [
            text.replacingOccurrences(of: "| 2 |", with: "| two |"),
            text.replacingOccurrences(of: "| 2 |", with: "| 0 |"),
            text + "| [2025-09-12](2025-09-12/README.md) | 2 |\n",
            text.replacingOccurrences(of: "2025-09-12/README.md", with: "elsewhere.md"),
            text.replacingOccurrences(of: "[2025-09-12]", with: "[notes]"),
            "# Devlogs\n\n| Date | Agent | Mission | Cycle | Status | Devlog |\n",
        ] {
            #expect(DayFolderIndex.rows(in: edited) == nil, "\(edited)")
            var recounted = false
            let rewritten = try await DayFolderIndex.markdown(updating: edited, counts: ["2025-09-13": 1]) {
                recounted = true
                return ["2025-09-12": 2]
            }
            #expect(recounted && DayFolderIndex.rows(in: rewritten) == ["2025-09-12": 2, "2025-09-13": 1])
        }
    }
}
