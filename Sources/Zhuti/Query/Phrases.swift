/// Turns weighted character n-grams into readable phrases.
///
/// Character n-grams (招商, 商引, 引资, 招商引 ...) are what the models weigh, but a reader
/// wants 招商引资. Wherever selected n-grams occur in the given texts and overlap by at
/// least one character, their union is a candidate phrase: it occurs verbatim by
/// construction, and it cannot run across punctuation as long as the n-grams don't.
public enum PhraseMerger {
    /// Merge weighted character n-grams into maximal phrases that occur verbatim in `texts`
    /// (e.g. 招商, 商引, 引资, 招商引 ... -> 招商引资), summing weights; drop phrases contained
    /// in a longer selected one; return top `limit` by weight.
    ///
    /// - A phrase's weight is the sum of the weights of the distinct given n-grams it contains.
    /// - Candidates are the maximal overlapping runs found in the texts plus the n-grams
    ///   themselves, so when a long run occurs in too few texts its core can still be chosen.
    /// - `minSupport`: how many of `texts` must contain the phrase (capped at `texts.count`);
    ///   pass 2 with two texts to explain a match by phrases both texts share.
    /// - `maxLength`: longer runs (whole shared sentences, usually reprints) are not phrases.
    /// - `trimming`: characters stripped from both ends of a candidate (see
    ///   `functionCharacters`), so 的下岗职工 and 为下岗职工 both become 下岗职工; a candidate
    ///   left shorter than 2 characters is dropped. The trimmed phrase still occurs verbatim.
    /// - Ties in weight go to the longer phrase, then to code-point order, so output is stable.
    public static func phrases(from ngrams: [(ngram: String, weight: Float)], occurringIn texts: [String],
                               limit: Int, minSupport: Int = 1, maxLength: Int = 16,
                               trimming: Set<Unicode.Scalar> = []) -> [(phrase: String, weight: Float)] {
        phrases(from: ngrams, occurringInScalars: texts.map { Array($0.unicodeScalars) }, limit: limit,
                minSupport: minSupport, maxLength: maxLength, trimming: trimming)
    }

    /// The same over texts already split into scalars (callers explaining many pairs keep
    /// each text's scalars rather than re-splitting it per pair).
    static func phrases(from ngrams: [(ngram: String, weight: Float)], occurringInScalars texts: [[Unicode.Scalar]],
                        limit: Int, minSupport: Int = 1, maxLength: Int = 16,
                        trimming: Set<Unicode.Scalar> = []) -> [(phrase: String, weight: Float)] {
        guard limit > 0, !texts.isEmpty else { return [] }
        var weights: [[Unicode.Scalar]: Float] = [:]
        var lengths = Set<Int>()
        for (ngram, weight) in ngrams where weight.isFinite && !ngram.isEmpty {
            let key = Array(ngram.unicodeScalars)
            weights[key] = max(weights[key] ?? -Float.infinity, weight)
            lengths.insert(key.count)
        }
        guard !weights.isEmpty else { return [] }
        let sortedLengths = lengths.sorted()
        // Hashes of the n-grams, checked before building an array for the exact lookup, so
        // scanning a text allocates only where an n-gram may start.
        var hashes = Set<UInt64>()
        for key in weights.keys { hashes.insert(hash(key[...])) }
        // A bitmap of the n-grams' first characters: most text positions start no n-gram
        // and are skipped with one bit test, before any hashing.
        var firstCharacters = [UInt64](repeating: 0, count: 64)
        for key in weights.keys {
            let bucket = Int(key[0].value & 4095)
            firstCharacters[bucket >> 6] |= 1 << UInt64(bucket & 63)
        }

        // Runs of overlapping n-gram occurrences, per text (distinct run strings).
        var runTexts: [[Unicode.Scalar]: [Int]] = [:]
        var candidates = Set<[Unicode.Scalar]>()
        for (textIndex, scalars) in texts.enumerated() {
            var seenRuns = Set<[Unicode.Scalar]>()
            var runStart = -1
            var runEnd = -1
            func closeRun() {
                guard runStart >= 0 else { return }
                let run = Array(scalars[runStart..<runEnd])
                if seenRuns.insert(run).inserted { runTexts[run, default: []].append(textIndex) }
                runStart = -1
            }
            for start in 0..<scalars.count {
                let bucket = Int(scalars[start].value & 4095)
                if firstCharacters[bucket >> 6] & (1 << UInt64(bucket & 63)) == 0 {
                    continue
                }
                var longestEnd = -1
                for length in sortedLengths where start + length <= scalars.count {
                    let slice = scalars[start..<(start + length)]
                    guard hashes.contains(hash(slice)) else { continue }
                    let piece = Array(slice)
                    if weights[piece] != nil {
                        longestEnd = start + length
                        candidates.insert(piece)
                    }
                }
                guard longestEnd > 0 else { continue }
                if runStart >= 0 && start < runEnd {
                    runEnd = max(runEnd, longestEnd)
                } else {
                    closeRun()
                    runStart = start
                    runEnd = longestEnd
                }
            }
            closeRun()
        }
        for run in runTexts.keys where run.count <= maxLength { candidates.insert(run) }
        if !trimming.isEmpty {
            var trimmed = Set<[Unicode.Scalar]>()
            for candidate in candidates {
                var slice = candidate[...]
                while let first = slice.first, trimming.contains(first) { slice = slice.dropFirst() }
                while let last = slice.last, trimming.contains(last) { slice = slice.dropLast() }
                if slice.count >= 2 { trimmed.insert(Array(slice)) }
            }
            candidates = trimmed
        }

        // Weight every candidate by the distinct n-grams inside it.
        var scored: [(phrase: [Unicode.Scalar], weight: Float)] = []
        scored.reserveCapacity(candidates.count)
        for candidate in candidates {
            var inside = Set<[Unicode.Scalar]>()
            var total: Float = 0
            for start in 0..<candidate.count {
                for length in sortedLengths where start + length <= candidate.count {
                    let piece = Array(candidate[start..<(start + length)])
                    if let w = weights[piece], inside.insert(piece).inserted { total += w }
                }
            }
            scored.append((candidate, total))
        }
        scored.sort { lhs, rhs in
            if lhs.weight != rhs.weight { return lhs.weight > rhs.weight }
            if lhs.phrase.count != rhs.phrase.count { return lhs.phrase.count > rhs.phrase.count }
            return lhs.phrase.lexicographicallyPrecedes(rhs.phrase) { $0.value < $1.value }
        }

        // Greedy selection; support is counted through the runs, since every occurrence of
        // a candidate in a text lies inside one of that text's runs.
        let runs = Array(runTexts)
        let needed = min(max(1, minSupport), texts.count)
        var chosen: [[Unicode.Scalar]] = []
        var result: [(phrase: String, weight: Float)] = []
        for (phrase, weight) in scored {
            if result.count == limit { break }
            if chosen.contains(where: { contains($0, phrase) || contains(phrase, $0) }) { continue }
            if needed > 1 {
                var supporting = Set<Int>()
                for (run, owners) in runs where run.count >= phrase.count && contains(run, phrase) {
                    supporting.formUnion(owners)
                    if supporting.count >= needed { break }
                }
                if supporting.count < needed { continue }
            }
            chosen.append(phrase)
            var string = ""
            string.unicodeScalars.append(contentsOf: phrase)
            result.append((string, weight))
        }
        return result
    }

    /// Chinese function characters that rarely begin or end a phrase a reader would quote
    /// (的 in 的下岗职工, 为 in 为省政协主席): a default for `trimming`. Characters that also
    /// start common words are left out on purpose (和平, 对外, 就业, 过年, 都市, 以色列, 个人, 并购).
    public static let functionCharacters: Set<Unicode.Scalar> = Set(
        "的了是在与为等也把被于又之其这们着或即向而".unicodeScalars)

    /// FNV-1a over the scalar values.
    static func hash(_ scalars: ArraySlice<Unicode.Scalar>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for scalar in scalars {
            h ^= UInt64(scalar.value)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    /// Whether `needle` occurs contiguously in `haystack`.
    static func contains(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        if needle.isEmpty { return true }
        let last = haystack.count - needle.count
        outer: for start in 0...last {
            for offset in 0..<needle.count where haystack[start + offset] != needle[offset] { continue outer }
            return true
        }
        return false
    }
}
