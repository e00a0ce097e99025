/// SplitMix64 (Steele, Lea and Flood 2014): the one seeded generator behind every random
/// choice in Zhuti (SVD test matrices, k-means++ seeding, samples), so the same input and
/// options give the same bits. `SystemRandomNumberGenerator` is never used.
///
/// Its n-th output depends only on the seed and n, so any stretch of the stream can be
/// produced on its own (`position`): both cores can fill parts of one random matrix and get
/// the bits one core would.
struct SplitMix64: RandomNumberGenerator, Sendable {
    static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var state: UInt64

    /// The generator whose next output is the stream's output number `position`.
    init(seed: UInt64, position: UInt64 = 0) {
        state = seed &+ position &* Self.increment
    }

    mutating func next() -> UInt64 {
        state &+= Self.increment
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    mutating func nextUnit() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Uniform in 0..<bound without modulo bias (bound > 0).
    mutating func nextIndex(_ bound: Int) -> Int {
        Int(next(upperBound: UInt64(bound)))
    }

    /// Derives an independent stream for restart `index` so restarts do not share draws.
    static func stream(seed: UInt64, index: UInt64) -> SplitMix64 {
        var mixer = SplitMix64(seed: seed ^ (index &* 0xD1B5_4A32_D192_ED03))
        return SplitMix64(seed: mixer.next())
    }
}
