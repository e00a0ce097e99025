/// Substring search on UTF-8 bytes.
///
/// `String.contains(_:)` goes through Foundation's locale-aware search, which folds
/// character clusters and was most of the time spent labelling themes on a large archive.
/// Comparing UTF-8 bytes finds exactly the verbatim occurrences (UTF-8 is self-synchronising:
/// a match of whole characters' bytes cannot start mid-character).
enum ByteSearch {
    static func contains(_ text: String, _ needle: String) -> Bool {
        var text = text, needle = needle
        return text.withUTF8 { haystack in needle.withUTF8 { contains(haystack, $0) } }
    }

    /// Naive search: needles are short phrases or clauses and a mismatch is usually found at
    /// the first byte, so this is linear in practice.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        guard needle.count <= haystack.count else { return false }
        var start = 0
        let last = haystack.count - needle.count
        while start <= last {
            if haystack[start] == first {
                var matched = 1
                while matched < needle.count, haystack[start + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return true }
            }
            start += 1
        }
        return false
    }
}
