/// How much two stretches of text share their vocabulary: the cosine of their ideograph
/// bigram counts. Stories on one page differ in what they name; the fragments of one story
/// keep naming the same things (TextTiling's cue). Cheap enough to run at every place where
/// the layout alone cannot tell whether a story goes on.
enum LexicalCohesion {
    /// Texts with fewer ideographs than this say too little to compare.
    static let shortestText = 120

    /// nil when either text is too short to judge.
    static func cosine(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Double? {
        let x = HanBigrams(a), y = HanBigrams(b)
        guard x.han >= shortestText, y.han >= shortestText else { return nil }
        var dot = 0.0
        for (key, count) in x.counts { dot += Double(count * (y.counts[key] ?? 0)) }
        return dot / (norm(x) * norm(y))
    }

    private static func norm(_ b: HanBigrams) -> Double {
        max(b.counts.values.reduce(0.0) { $0 + Double($1 * $1) }.squareRoot(), 1)
    }
}
