import Foundation

extension DevlogIndex {
    /// The index text for a day folder's `devlogs` (path relative to the folder → blob),
    /// brought up to date from `committed`, the index text last committed, if any.
    ///
    /// A cycle adds one devlog to a history of thousands: each table line whose devlog is still
    /// the blob it names is kept as written, and the rows of new or changed devlogs, read through
    /// `read`, go where they sort by binary search. An index this type did not write (another
    /// header, a line out of shape) is rebuilt from its valid rows and the other devlogs' texts.
    static func markdown(
        updating committed: String?, devlogs: [String: String], read: ([(path: String, blob: String)]) async throws -> [Row]
    ) async throws -> String {
        guard let committed, let table = Table(parsing: committed) else {
            return try await rebuilt(known: rows(in: committed ?? ""), devlogs: devlogs, read: read)
        }
        var kept: [Substring] = []
        var keptPaths: Set<String> = []
        for line in table.lines where devlogs[line.path] == line.blob {
            kept.append(line.text)
            keptPaths.insert(line.path)
        }
        let unread = devlogs.filter { !keptPaths.contains($0.key) }.map { (path: $0.key, blob: $0.value) }
        let added = try await read(unread).sorted(by: precedes)

        var merged: [Substring] = []
        merged.reserveCapacity(kept.count + added.count)
        var next = kept.startIndex
        for row in added {
            guard let position = insertionPoint(of: row, in: kept[next...]) else {
                // A kept line that reads as no row: this index was edited after all.
                return try await rebuilt(known: [:], devlogs: devlogs, read: read)
            }
            merged += kept[next..<position]
            merged.append(Substring(line(row)))
            next = position
        }
        merged += kept[next...]
        return document(tableLines: merged)
    }

    /// The index of `devlogs` from the rows of `known` whose devlog is still that blob, and the
    /// other devlogs read through `read`.
    private static func rebuilt(
        known: [String: Row], devlogs: [String: String], read: ([(path: String, blob: String)]) async throws -> [Row]
    ) async throws -> String {
        var rows: [Row] = []
        var unread: [(path: String, blob: String)] = []
        for (path, blob) in devlogs {
            if let row = known[path], row.blob == blob { rows.append(row) } else { unread.append((path, blob)) }
        }
        return DevlogIndex(rows: rows + (try await read(unread))).markdown
    }

    /// Where `row` goes among `lines`, which are in index order: after every line that sorts
    /// before it. `nil` when a line probed reads as no row.
    private static func insertionPoint(of row: Row, in lines: ArraySlice<Substring>) -> Int? {
        var low = lines.startIndex
        var high = lines.endIndex
        while low < high {
            let middle = low + (high - low) / 2
            guard let probe = self.row(parsing: lines[middle]) else { return nil }
            if precedes(probe, row) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The committed index's table lines, when the text is laid out as ``markdown`` writes it:
    /// the same header, then one line per devlog naming its path and blob, no path twice.
    private struct Table {
        struct Line {
            var path: String
            var blob: String
            var text: Substring
        }

        var lines: [Line] = []

        init?(parsing text: String) {
            guard text.hasPrefix(DevlogIndex.tableHeader), text.hasSuffix("\n") else { return nil }
            // Lines found and read on an array of the text's bytes, kept as slices of the text itself.
            let bytes = Array(text.utf8)
            let utf8 = text.utf8
            var paths: Set<String> = []
            var start = DevlogIndex.tableHeader.utf8.count
            while let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
                guard let (path, blob) = DevlogIndex.pathAndBlob(in: bytes[start..<end]), paths.insert(path).inserted else { return nil }
                let lower = utf8.index(utf8.startIndex, offsetBy: start)
                lines.append(Line(path: path, blob: blob, text: Substring(utf8[lower..<utf8.index(lower, offsetBy: end - start)])))
                start = end + 1
            }
        }
    }
}
