/// How much of one text is printed word for word in another.
///
/// The reprint check in `ExplainedText` counts shared n-grams of the model's vocabulary, and
/// every vocabulary n-gram occurs in at least `--min-df` documents: an article's own wording
/// (names, figures, turns of phrase printed once) is invisible to it, while a campaign's
/// formulaic phrases (落实河湖长制, 优化营商环境) are all it sees. Two articles of one campaign
/// then look "contained" in each other. A digest or reprint copies whole clauses; articles
/// that merely share set phrases do not, so the verdict is confirmed on the texts themselves.
enum VerbatimOverlap {
    /// The share (0...1) of `shorter`'s characters lying in clauses - runs between punctuation,
    /// symbols or spaces, two characters or longer - that occur verbatim in `longer`, weighted
    /// by clause length in UTF-8 bytes. Clauses are found on scalars and searched as byte
    /// slices of `shorter` (no strings built, no grapheme breaking: this runs on every
    /// candidate reprint pair of a graph export).
    static func share(of shorter: String, in longer: String) -> Double {
        var shorter = shorter, longer = longer
        return shorter.withUTF8 { text in
            longer.withUTF8 { haystack in
                var found = 0, total = 0
                var clauseStart = 0, clauseLength = 0, offset = 0
                func flush() {
                    defer { clauseLength = 0 }
                    guard clauseLength >= 2 else { return }
                    let clause = UnsafeBufferPointer(rebasing: text[clauseStart..<offset])
                    total += clause.count
                    if ByteSearch.contains(haystack, clause) { found += clause.count }
                }
                var decoder = Unicode.UTF8.ForwardParser()
                var bytes = text.makeIterator()
                while case .valid(let encoded) = decoder.parseScalar(from: &bytes) {
                    let scalar = Unicode.UTF8.decode(encoded)
                    if isClauseBreak(scalar) {
                        flush()
                    } else {
                        if clauseLength == 0 { clauseStart = offset }
                        clauseLength += 1
                    }
                    offset += encoded.count
                }
                flush()
                return total == 0 ? 0 : Double(found) / Double(total)
            }
        }
    }

    /// Punctuation, symbols and white space (what `Character.isPunctuation`, `isSymbol` and
    /// `isWhitespace` say of a one-scalar character), with the common cases decided cheaply.
    private static func isClauseBreak(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            let byte = UInt8(value)
            if (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) { return false }
            return (0x21...0x7E).contains(byte) || (0x09...0x0D).contains(byte) || byte == 0x20
        }
        if ScalarClass.isHan(scalar) { return false }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol,
             .spaceSeparator, .lineSeparator, .paragraphSeparator:
            return true
        default:
            return value == 0x85
        }
    }
}
