/// How much of one text is printed word for word in another.
///
/// The reprint check in `ExplainedText` counts shared n-grams of the model's vocabulary, and
/// every vocabulary n-gram occurs in at least `--min-df` documents: an article's own wording
/// (names, figures, turns of phrase printed once) is invisible to it, while a campaign's
/// formulaic phrases (落实河湖长制, 优化营商环境) are all it sees. Two articles of one campaign
/// then look "contained" in each other. A digest or reprint copies whole clauses; articles
/// that merely share set phrases do not, so the verdict is confirmed on the texts themselves.
enum VerbatimOverlap {
    /// The share (0...1) of `shorter`'s characters lying in clauses - runs between punctuation
    /// or spaces, two characters or longer - that occur verbatim in `longer`, weighted by
    /// clause length in UTF-8 bytes.
    static func share(of shorter: String, in longer: String) -> Double {
        let haystack = Array(longer.utf8)
        var found = 0, total = 0
        var clause = ""
        func flush() {
            defer { clause = "" }
            guard clause.count >= 2 else { return }
            let bytes = Array(clause.utf8)
            total += bytes.count
            if contains(haystack, bytes) { found += bytes.count }
        }
        for character in shorter {
            if character.isPunctuation || character.isWhitespace || character.isSymbol {
                flush()
            } else {
                clause.append(character)
            }
        }
        flush()
        return total == 0 ? 0 : Double(found) / Double(total)
    }

    /// Naive byte search: clauses are a few dozen bytes and a mismatch is usually found at
    /// the first byte, so this is linear in practice.
    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard needle.count <= haystack.count else { return false }
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                var start = 0
                let last = h.count - n.count
                while start <= last {
                    if h[start] == first {
                        var matched = 1
                        while matched < n.count, h[start + matched] == n[matched] { matched += 1 }
                        if matched == n.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }
}
