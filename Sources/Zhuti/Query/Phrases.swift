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
        var seedTable = ScalarStringTable(capacity: ngrams.count)
        var weights: [Float] = []
        for (ngram, weight) in ngrams where weight.isFinite && !ngram.isEmpty {
            let key = Array(ngram.unicodeScalars)
            let (id, inserted) = seedTable.insert(key, from: 0, count: key.count)
            if inserted { weights.append(weight) } else { weights[id] = max(weights[id], weight) }
        }
        guard seedTable.count > 0 else { return [] }
        let seeds = SeedMatcher(seedTable)

        // Runs of overlapping n-gram occurrences, distinct across texts, with the texts
        // each occurs in; and which n-grams occur at all.
        var runs = ScalarStringTable(capacity: 64)
        var owners = RunOwners()
        var occurs = [Bool](repeating: false, count: seedTable.count)
        for (textIndex, scalars) in texts.enumerated() {
            var runStart = -1
            var runEnd = -1
            func closeRun() {
                guard runStart >= 0 else { return }
                let (id, _) = runs.insert(scalars, from: runStart, count: runEnd - runStart)
                owners.add(textIndex, to: id)
                runStart = -1
            }
            for start in 0..<scalars.count {
                var longestEnd = -1
                seeds.forEachMatch(in: scalars, at: start, end: scalars.count) { id, length in
                    occurs[id] = true
                    longestEnd = start + length
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

        // Candidates: the n-grams that occur and the runs short enough to be phrases, so
        // when a long run occurs in too few texts its core can still be chosen.
        var candidates = ScalarStringTable(capacity: seedTable.count + runs.count)
        for id in 0..<seedTable.count where occurs[id] {
            candidates.insert(seedTable.storage, from: seedTable.offsets[id], count: seedTable.lengths[id])
        }
        for id in 0..<runs.count where runs.lengths[id] <= maxLength {
            candidates.insert(runs.storage, from: runs.offsets[id], count: runs.lengths[id])
        }
        if !trimming.isEmpty {
            var trimmed = ScalarStringTable(capacity: candidates.count)
            let storage = candidates.storage
            for id in 0..<candidates.count {
                var lower = candidates.offsets[id], upper = lower + candidates.lengths[id]
                while lower < upper, trimming.contains(storage[lower]) { lower += 1 }
                while upper > lower, trimming.contains(storage[upper - 1]) { upper -= 1 }
                if upper - lower >= 2 { trimmed.insert(storage, from: lower, count: upper - lower) }
            }
            candidates = trimmed
        }

        // Weight every candidate by the distinct n-grams inside it.
        var counted = [Int](repeating: -1, count: seedTable.count)
        var scored: [(id: Int, weight: Float)] = []
        scored.reserveCapacity(candidates.count)
        let storage = candidates.storage
        for id in 0..<candidates.count {
            let lower = candidates.offsets[id], upper = lower + candidates.lengths[id]
            var total: Float = 0
            for start in lower..<upper {
                seeds.forEachMatch(in: storage, at: start, end: upper) { seed, _ in
                    if counted[seed] != id {
                        counted[seed] = id
                        total += weights[seed]
                    }
                }
            }
            scored.append((id, total))
        }
        scored.sort { lhs, rhs in
            if lhs.weight != rhs.weight { return lhs.weight > rhs.weight }
            let left = candidates.scalars(lhs.id), right = candidates.scalars(rhs.id)
            if left.count != right.count { return left.count > right.count }
            return left.lexicographicallyPrecedes(right) { $0.value < $1.value }
        }

        // Greedy selection; support is counted through the runs, since every occurrence of
        // a candidate in a text lies inside one of that text's runs.
        let needed = min(max(1, minSupport), texts.count)
        var supportedBy = [Int](repeating: -1, count: texts.count)
        var chosen: [Int] = []
        var result: [(phrase: String, weight: Float)] = []
        for (id, weight) in scored {
            if result.count == limit { break }
            if chosen.contains(where: { candidates.contains($0, id) || candidates.contains(id, $0) }) { continue }
            if needed > 1 {
                let offset = candidates.offsets[id], length = candidates.lengths[id]
                var supporting = 0
                for run in 0..<runs.count where supporting < needed && runs.lengths[run] >= length
                    && runs.contains(run, storage, from: offset, count: length) {
                    owners.forEach(of: run) { owner in
                        if supportedBy[owner] != id {
                            supportedBy[owner] = id
                            supporting += 1
                        }
                    }
                }
                if supporting < needed { continue }
            }
            chosen.append(id)
            result.append((candidates.string(id), weight))
        }
        return result
    }

    /// Chinese function characters that rarely begin or end a phrase a reader would quote
    /// (的 in 的下岗职工, 为 in 为省政协主席): a default for `trimming`. Characters that also
    /// start common words are left out on purpose (和平, 对外, 就业, 过年, 都市, 以色列, 个人, 并购).
    public static let functionCharacters: Set<Unicode.Scalar> = Set(
        "的了是在与为等也把被于又之其这们着或即向而".unicodeScalars)
}

/// The texts each run occurs in, as linked lists in flat arrays (no array per run):
/// texts are scanned in order, so a repeat of a run in the same text is its list's head.
private struct RunOwners {
    private var head: [Int] = []
    private var text: [Int] = []
    private var next: [Int] = []

    mutating func add(_ owner: Int, to run: Int) {
        while head.count <= run { head.append(-1) }
        if head[run] >= 0 && text[head[run]] == owner { return }
        text.append(owner)
        next.append(head[run])
        head[run] = text.count - 1
    }

    func forEach(of run: Int, _ body: (Int) -> Void) {
        var entry = head[run]
        while entry >= 0 {
            body(text[entry])
            entry = next[entry]
        }
    }
}

/// The selected n-grams (or candidate terms), found where they start in a text: a bitmap of
/// their first characters skips most positions with one bit test, and the hash is extended
/// one character at a time, looked up only at the lengths some n-gram has.
struct SeedMatcher {
    let table: ScalarStringTable
    private let hasLength: [Bool]
    private let longest: Int
    private var firstCharacters = [UInt64](repeating: 0, count: 64)
    /// When every n-gram is two characters or longer, a bitmap of hashed first pairs: a
    /// common character that starts some n-gram rarely starts one with its neighbour.
    /// Empty when some n-gram is a single character.
    private var firstPairs: [UInt64] = []

    init(_ table: ScalarStringTable) {
        self.table = table
        longest = table.lengths.max() ?? 0
        var hasLength = [Bool](repeating: false, count: longest + 1)
        for length in table.lengths { hasLength[length] = true }
        self.hasLength = hasLength
        for id in 0..<table.count {
            let bucket = Int(table.storage[table.offsets[id]].value & 4095)
            firstCharacters[bucket >> 6] |= 1 << UInt64(bucket & 63)
        }
        if (table.lengths.min() ?? 0) >= 2 {
            var pairs = [UInt64](repeating: 0, count: 1024)
            for id in 0..<table.count {
                let bucket = Self.pairBucket(table.storage[table.offsets[id]], table.storage[table.offsets[id] + 1])
                pairs[bucket >> 6] |= 1 << UInt64(bucket & 63)
            }
            firstPairs = pairs
        }
    }

    @inline(__always)
    private static func pairBucket(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Int {
        Int(truncatingIfNeeded: (first.value &* 0x9E37_79B1) ^ second.value) & 65535
    }

    /// Calls `body(id, length)` for every n-gram starting at `source[start]` and ending by `end`, shortest first.
    @inline(__always)
    func forEachMatch(in source: [Unicode.Scalar], at start: Int, end: Int, _ body: (Int, Int) -> Void) {
        let bucket = Int(source[start].value & 4095)
        guard firstCharacters[bucket >> 6] & (1 << UInt64(bucket & 63)) != 0 else { return }
        let reach = min(longest, end - start)
        guard reach >= 1 else { return }
        if !firstPairs.isEmpty {
            guard reach >= 2 else { return }
            let pair = Self.pairBucket(source[start], source[start + 1])
            guard firstPairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0 else { return }
        }
        var hash = ScalarStringTable.hashBasis
        for length in 1...reach {
            hash = ScalarStringTable.hash(hash, source[start + length - 1])
            if hasLength[length], let id = table.find(source, from: start, count: length, hash: hash) {
                body(id, length)
            }
        }
    }
}
