extension StringProtocol {
    /// What `firstRange(of:)` finds for an ASCII `needle`, searched in UTF-8 rather than
    /// character by character (the character search was most of an import's parse time). A byte
    /// match counts only when it starts and ends on character boundaries, so the result is the
    /// same: between ASCII characters there is always a boundary.
    public func firstRange(ofASCII needle: StaticString) -> Range<Index>? {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = pattern.first else { return nil }
        let utf8 = self.utf8
        var searchFrom = utf8.startIndex
        while let candidate = utf8[searchFrom...].firstIndex(of: first) {
            var end = candidate
            var matched = true
            for byte in pattern {
                guard end < utf8.endIndex, utf8[end] == byte else {
                    matched = false
                    break
                }
                end = utf8.index(after: end)
            }
            if matched, String.Index(candidate, within: self) != nil, end == endIndex || String.Index(end, within: self) != nil {
                return candidate..<end
            }
            searchFrom = utf8.index(after: candidate)
        }
        return nil
    }

    /// Whether the ASCII `needle` occurs, searched in UTF-8 (see ``firstRange(ofASCII:)``).
    public func contains(ascii needle: StaticString) -> Bool { firstRange(ofASCII: needle) != nil }
}
