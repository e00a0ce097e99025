/// A 64-bit identity for one n-gram, computed without building its string.
///
/// Two forms, told apart by the top bit:
/// - packed (top bit 0): an n-gram of up to three units that are each one Unicode scalar is
///   stored losslessly, 21 bits per scalar, oldest scalar in the highest occupied slot:
///   `中国` = (U+4E2D << 21) | U+56FD. Scalars are never 0, so the number of occupied slots
///   gives n, and the key decodes back to its string (`decodedString`).
/// - hashed (top bit 1): an n-gram that contains a multi-character run (`gdp`, `2025`) or has
///   more than three units is identified by a 63-bit hash of its units. Its string is kept on
///   the side (the vocabulary). With a few million distinct n-grams the chance that two share
///   a hash is about n²/2⁶⁴ ≈ 10⁻⁶; such a collision would merge two rare n-grams, nothing worse.
///
/// An n-gram's string determines its units (runs are maximal, so re-splitting the string
/// gives the same units), hence `NGramKey(term)` finds the key of any term string.
/// Keys order by raw value: all single characters, then bigrams, then trigrams (each in code
/// point order), then hashed n-grams in hash order.
public struct NGramKey: Hashable, Sendable, Comparable {
    public let rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// The key of `term` when it is exactly one n-gram of at most
    /// `VectorizerOptions.longestSupportedN` units (no punctuation or whitespace), else nil.
    public init?(_ term: String) {
        let units = NGramTokenizer.unitCount(ofSingleSegment: term)
        guard let units, units >= 1, units <= VectorizerOptions.longestSupportedN else { return nil }
        var found: UInt64?
        NGramTokenizer(minN: units, maxN: units).scan(term) { key, _, _, _ in found = key }
        guard let found else { return nil }
        self.rawValue = found
    }

    static let hashedTag: UInt64 = 1 << 63
    static let slotBits: UInt64 = 21
    static let slotMask: UInt64 = (1 << 21) - 1

    /// True when the key holds its characters (and `decodedString` is non-nil).
    public var isPacked: Bool { rawValue & Self.hashedTag == 0 }

    /// The n-gram's text for a packed key; nil for a hashed key, whose text the vocabulary keeps.
    public var decodedString: String? {
        guard isPacked, rawValue != 0 else { return nil }
        var scalars = String.UnicodeScalarView()
        for shift in [2 * Self.slotBits, Self.slotBits, 0] {
            let value = UInt32(truncatingIfNeeded: (rawValue >> shift) & Self.slotMask)
            if value == 0 { continue }
            guard let scalar = Unicode.Scalar(value) else { return nil }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    public static func < (lhs: NGramKey, rhs: NGramKey) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Mixing functions for hashed keys. Fixed constants (never Swift's per-process seeded
/// Hasher), so a key is the same in every run and every process.
enum NGramHash {
    static let seed: UInt64 = 0x243F_6A88_85A3_08D3

    /// One invertible mixing step: distinct inputs for the same state give distinct states.
    @inline(__always)
    static func step(_ state: UInt64, _ value: UInt64) -> UInt64 {
        var h = (state ^ value) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        return h
    }

    /// MurmurHash3's 64-bit finaliser: spreads every input bit over the output.
    @inline(__always)
    static func finish(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }
}
