/// Counts of ideograph bigrams in a stretch of text: consecutive ideographs, with punctuation,
/// digits and spaces between them skipped (a word the extraction wrapped, `文 化`, is still 文化).
/// What `LexicalCohesion` compares and `FragmentRouting` reads fragments by.
struct HanBigrams {
    private(set) var counts: [UInt64: Int] = [:]
    /// Ideographs seen.
    private(set) var han = 0

    init() {}

    init(_ text: some Sequence<Unicode.Scalar>) {
        var previous: Unicode.Scalar?
        for s in text where ScalarClass.isHan(s) {
            if let p = previous { counts[Self.key(p, s), default: 0] += 1 }
            previous = s
            han += 1
        }
    }

    /// Adds another text's counts (no bigram across the two).
    mutating func add(_ other: HanBigrams) {
        counts.merge(other.counts, uniquingKeysWith: +)
        han += other.han
    }

    func count(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Int { counts[Self.key(a, b)] ?? 0 }

    static func key(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt64 { UInt64(a.value) << 32 | UInt64(b.value) }
}
