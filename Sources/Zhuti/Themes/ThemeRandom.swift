/// SplitMix64: a tiny seeded generator so clustering is reproducible bit for bit
/// (SystemRandomNumberGenerator is never used in Zhuti).
struct ThemeRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
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
    static func stream(seed: UInt64, index: UInt64) -> ThemeRandom {
        var mixer = ThemeRandom(seed: seed ^ (index &* 0xD1B5_4A32_D192_ED03))
        return ThemeRandom(seed: mixer.next())
    }
}
