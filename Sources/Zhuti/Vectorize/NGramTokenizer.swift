/// Character n-grams over normalised text, with no word segmentation.
///
/// A *unit* is one CJK (or other-script) letter character, or a whole run of Latin letters
/// (`gdp`), or a whole run of ASCII digits (`2025`); an n-gram is n consecutive units.
/// Anything else (punctuation, whitespace, line breaks, symbols) separates: no n-gram spans it.
/// Runs are taken as they stand (the normaliser has already lowercased Latin letters), and a
/// Latin run next to a CJK character is adjacent to it: `gdp增长` has units `gdp`, `增`, `长`.
///
/// The hot path (`forEachNGram`) decodes UTF-8 directly and builds each key from the last few
/// units without allocating; `ngrams(in:)` builds strings and is meant for tests and explanations.
public struct NGramTokenizer: Sendable {
    public let minN: Int
    public let maxN: Int

    /// Bounds are clamped into 1...`VectorizerOptions.longestSupportedN` (with maxN >= minN);
    /// `VectorizerOptions.validated()` is where out-of-range user values are refused.
    public init(minN: Int, maxN: Int) {
        let lower = Swift.max(1, Swift.min(minN, VectorizerOptions.longestSupportedN))
        self.minN = lower
        self.maxN = Swift.max(lower, Swift.min(maxN, VectorizerOptions.longestSupportedN))
    }

    /// Calls `body` with the key of every n-gram occurrence, in text order of the n-gram's
    /// last unit (shorter n-grams first for the same last unit).
    public func forEachNGram(in text: String, _ body: (NGramKey) -> Void) {
        scan(text) { key, _, _, _ in body(NGramKey(rawValue: key)) }
    }

    /// Every n-gram occurrence as a string: all n-grams of length minN in text order, then
    /// those of length minN + 1, and so on.
    public func ngrams(in text: String) -> [String] {
        var result: [String] = []
        for n in minN...maxN {
            NGramTokenizer(minN: n, maxN: n).scan(text) { _, bytes, start, end in
                result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            }
        }
        return result
    }

    /// The number of units in `text` when it holds no separator at all and at least one unit;
    /// nil otherwise (used to turn a vocabulary term back into its key).
    static func unitCount(ofSingleSegment text: String) -> Int? {
        var units = 0
        var separated = false
        Self.withUTF8Bytes(of: text) { bytes in
            walkUnits(bytes, onUnit: { _, _, _, _ in units += 1 }, onSeparator: { separated = true })
        }
        return separated || units == 0 ? nil : units
    }

    /// The engine's hot path: `body(key, utf8Bytes, start, end)` for every n-gram occurrence,
    /// where `utf8Bytes[start..<end]` is the n-gram's text.
    @inline(__always)
    func scan(_ text: String, _ body: (UInt64, UnsafeBufferPointer<UInt8>, Int, Int) -> Void) {
        let minN = self.minN
        let maxN = self.maxN
        Self.withUTF8Bytes(of: text) { bytes in
            withUnsafeTemporaryAllocation(of: Unit.self, capacity: maxN) { ring in
                var next = 0  // ring slot the next unit goes to
                var inSegment = 0  // units since the last separator
                Self.walkUnits(
                    bytes,
                    onUnit: { scalar, hash, start, end in
                        ring[next] = Unit(scalar: scalar, hash: hash, start: start)
                        next = next + 1 == maxN ? 0 : next + 1
                        inSegment += 1
                        let longest = Swift.min(inSegment, maxN)
                        guard longest >= minN else { return }
                        for n in minN...longest {
                            var first = next - n
                            if first < 0 { first += maxN }
                            body(Self.key(ring, first: first, count: n), bytes, ring[first].start, end)
                        }
                    },
                    onSeparator: { inSegment = 0 })
            }
        }
    }

    struct Unit {
        /// The unit's only scalar, or 0 when the unit is a run of two or more characters.
        var scalar: UInt32
        /// A hash of the unit's scalars, used when the n-gram cannot be packed.
        var hash: UInt64
        /// Byte offset of the unit in the UTF-8 text.
        var start: Int
    }

    @inline(__always)
    static func key(_ ring: UnsafeMutableBufferPointer<Unit>, first: Int, count n: Int) -> UInt64 {
        let capacity = ring.count
        if n <= 3 {
            var packed: UInt64 = 0
            var slot = first
            var packable = true
            for _ in 0..<n {
                let scalar = ring[slot].scalar
                if scalar == 0 { packable = false; break }
                packed = packed << NGramKey.slotBits | UInt64(scalar)
                slot = slot + 1 == capacity ? 0 : slot + 1
            }
            if packable { return packed }
        }
        var state = ~NGramHash.seed
        var slot = first
        for _ in 0..<n {
            state = NGramHash.step(state, ring[slot].hash)
            slot = slot + 1 == capacity ? 0 : slot + 1
        }
        return NGramHash.finish(state ^ UInt64(n)) | NGramKey.hashedTag
    }

    /// Splits UTF-8 text into units: `onUnit(scalarOrZero, unitHash, start, end)` per unit and
    /// `onSeparator()` for each character that separates.
    @inline(__always)
    static func walkUnits(
        _ bytes: UnsafeBufferPointer<UInt8>,
        onUnit: (UInt32, UInt64, Int, Int) -> Void,
        onSeparator: () -> Void
    ) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var i = 0
        var runClass = UnitClass.separator  // .latin or .digit while a run is open
        var runStart = 0
        var runFirst: UInt32 = 0
        var runLength = 0
        var runState: UInt64 = 0
        while i < count {
            let (scalar, width) = decodeUTF8(base, i, count)
            let unitClass = classify(scalar)
            if runClass != .separator {
                if unitClass == runClass {
                    runState = NGramHash.step(runState, UInt64(scalar))
                    runLength += 1
                    i += width
                    continue
                }
                onUnit(runLength == 1 ? runFirst : 0, NGramHash.finish(runState), runStart, i)
                runClass = .separator
            }
            switch unitClass {
            case .latin, .digit:
                runClass = unitClass
                runStart = i
                runFirst = scalar
                runLength = 1
                runState = NGramHash.step(NGramHash.seed, UInt64(scalar))
            case .single:
                onUnit(scalar, NGramHash.finish(NGramHash.step(NGramHash.seed, UInt64(scalar))), i, i + width)
            case .separator:
                onSeparator()
            }
            i += width
        }
        if runClass != .separator {
            onUnit(runLength == 1 ? runFirst : 0, NGramHash.finish(runState), runStart, count)
        }
    }

    enum UnitClass { case latin, digit, single, separator }

    @inline(__always)
    static func classify(_ value: UInt32) -> UnitClass {
        if value < 0x80 {
            let folded = value | 0x20
            if folded >= 0x61 && folded <= 0x7A { return .latin }
            if value >= 0x30 && value <= 0x39 { return .digit }
            return .separator
        }
        // The common cases first: CJK Unified Ideographs and Extension A.
        if value >= 0x4E00 && value <= 0x9FFF { return .single }
        if value >= 0x3400 && value <= 0x4DBF { return .single }
        // Latin-1 letters and Latin Extended-A/B (× and ÷ are symbols), Latin Extended Additional.
        if value >= 0xC0 && value <= 0x24F { return value == 0xD7 || value == 0xF7 ? .separator : .latin }
        if value >= 0x1E00 && value <= 0x1EFF { return .latin }
        // Frequent punctuation in Chinese text, decided here rather than by a property lookup:
        // General Punctuation (“”‘’—…) and the CJK punctuation of U+3000-U+303F (、。《》「」【】),
        // whose letters (々〆〇, Hangzhou numerals, kana repeat marks) fall through below.
        if value >= 0x2000 && value <= 0x206F { return .separator }
        if value >= 0x3000 && value <= 0x303F {
            if value <= 0x3004 || (value >= 0x3008 && value <= 0x3020) || value == 0x3030 || value >= 0x303D {
                return .separator
            }
        }
        guard let scalar = Unicode.Scalar(value) else { return .separator }
        let properties = scalar.properties
        // Letters of other scripts, 〇 and 々, and numerals such as ① stand as single units.
        if properties.isAlphabetic || properties.numericType != nil { return .single }
        return .separator
    }

    /// Decodes the scalar starting at `i`. Swift strings hold valid UTF-8; the bounds checks
    /// only keep a truncated buffer from being read past its end.
    @inline(__always)
    static func decodeUTF8(_ p: UnsafePointer<UInt8>, _ i: Int, _ count: Int) -> (UInt32, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0, i + 1 < count {
            return ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2)
        }
        if b0 < 0xF0, i + 2 < count {
            return ((b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
        }
        if i + 3 < count {
            return ((b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                | UInt32(p[i + 3] & 0x3F), 4)
        }
        return (0xFFFD, count - i)
    }
}

extension NGramTokenizer {
    /// Runs `body` over the UTF-8 bytes of `text`, copying only when the string is not stored
    /// contiguously (e.g. bridged); native Swift strings are read in place.
    @inline(__always)
    static func withUTF8Bytes<R>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }
}
