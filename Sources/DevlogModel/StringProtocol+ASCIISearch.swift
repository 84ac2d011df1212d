extension StringProtocol {
    /// What `firstRange(of:)` finds for an ASCII `needle`, searched in UTF-8 rather than
    /// character by character (the character search was most of an import's parse time). A byte
    /// match counts only when it starts and ends on character boundaries, so the result is the
    /// same: between ASCII characters there is always a boundary.
    ///
    /// Inlinable so other modules get it specialized for `String` and `Substring`: called through
    /// the generic protocol witnesses it was a quarter of an import's parse.
    @inlinable
    public func firstRange(ofASCII needle: StaticString) -> Range<Index>? {
        let utf8 = self.utf8
        let found: Range<Index>?? = utf8.withContiguousStorageIfAvailable { bytes in
            var from = 0
            while let offset = ASCIISearch.firstMatch(of: needle, in: bytes, from: from) {
                let end = offset + needle.utf8CodeUnitCount
                let start = utf8.index(utf8.startIndex, offsetBy: offset)
                let upper = utf8.index(start, offsetBy: needle.utf8CodeUnitCount)
                // Next to ASCII bytes a match always sits on character boundaries; only a
                // non-ASCII neighbour (a combining mark, a prepended sign) needs the full check.
                // (CR LF is the one ASCII pair that is a single character.)
                let startOK = offset == 0 || (bytes[offset - 1] < 0x80 && bytes[offset - 1] != UInt8(ascii: "\r"))
                    || String.Index(start, within: self) != nil
                let endOK = end == bytes.count || (bytes[end] < 0x80 && bytes[end] != UInt8(ascii: "\n"))
                    || String.Index(upper, within: self) != nil
                if startOK, endOK { return start..<upper }
                from = offset + 1
            }
            return nil
        }
        if let found { return found }
        return slowFirstRange(ofASCII: needle)
    }

    /// The search over any UTF-8 view, for strings without contiguous storage.
    @usableFromInline
    func slowFirstRange(ofASCII needle: StaticString) -> Range<Index>? {
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

    /// What `hasPrefix(_:)` says for an ASCII `prefix`, decided on UTF-8 bytes where they are
    /// enough: the character comparison behind the generic `hasPrefix` was a large part of
    /// parsing lines that hold emoji. Where a non-ASCII byte is involved (a combining mark right
    /// after the prefix, say) the character comparison still decides.
    @inlinable
    public func hasPrefix(ascii prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        let verdict: Bool?? = utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            // Each character of an ASCII prefix is one byte: fewer bytes cannot hold it.
            guard bytes.count >= count else { return false }
            for offset in 0..<count {
                let byte = bytes[offset]
                guard byte < 0x80 else { return nil }
                // A differing ASCII byte starts a character that differs from the prefix's.
                if byte != prefix.utf8Start[offset] { return false }
            }
            // An ASCII byte after the prefix starts a new character (bar CR LF, one character).
            if count == bytes.count { return true }
            let next = bytes[count]
            let crlf = count > 0 && prefix.utf8Start[count - 1] == UInt8(ascii: "\r") && next == UInt8(ascii: "\n")
            return next < 0x80 && !crlf ? true : nil
        }
        if let verdict, let verdict { return verdict }
        return hasPrefix(prefix.description)
    }

    /// Whether the ASCII `needle` occurs, searched in UTF-8 (see ``firstRange(ofASCII:)``).
    @inlinable
    public func contains(ascii needle: StaticString) -> Bool { firstRange(ofASCII: needle) != nil }
}

/// The byte search behind ``StringProtocol/firstRange(ofASCII:)``, kept non-generic.
@usableFromInline
enum ASCIISearch {
    /// The offset of the first occurrence of `needle`'s bytes in `bytes` at or after `from`.
    @usableFromInline
    static func firstMatch(of needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let count = needle.utf8CodeUnitCount
        guard count > 0, bytes.count >= count else { return nil }
        let pattern = needle.utf8Start
        let first = pattern[0]
        var index = from
        let last = bytes.count - count
        while index <= last {
            if bytes[index] == first {
                var matched = 1
                while matched < count, bytes[index + matched] == pattern[matched] { matched += 1 }
                if matched == count { return index }
            }
            index += 1
        }
        return nil
    }
}
