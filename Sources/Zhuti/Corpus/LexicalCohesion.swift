/// How much two stretches of text share their vocabulary: the cosine of their ideograph
/// bigram counts. Stories on one page differ in what they name; the fragments of one story
/// keep naming the same things (TextTiling's cue). Cheap enough to run at every place where
/// the layout alone cannot tell whether a story goes on.
enum LexicalCohesion {
    /// Texts with fewer ideographs than this say too little to compare.
    static let shortestText = 120

    /// nil when either text is too short to judge.
    static func cosine(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Double? {
        let x = bigrams(a), y = bigrams(b)
        guard x.total >= shortestText, y.total >= shortestText else { return nil }
        var dot = 0.0
        for (key, count) in x.counts { dot += Double(count * (y.counts[key] ?? 0)) }
        return dot / (x.norm * y.norm)
    }

    private static func bigrams(_ text: [Unicode.Scalar]) -> (counts: [UInt64: Int], total: Int, norm: Double) {
        var counts: [UInt64: Int] = [:]
        var previous: Unicode.Scalar?
        var total = 0
        for s in text where ScalarClass.isHan(s) {
            if let p = previous { counts[UInt64(p.value) << 32 | UInt64(s.value), default: 0] += 1 }
            previous = s
            total += 1
        }
        let norm = counts.values.reduce(0.0) { $0 + Double($1 * $1) }.squareRoot()
        return (counts, total, max(norm, 1))
    }
}
