import Foundation

/// Labels themes with the terms their members use: campaign names an editor would write
/// (招商引资, 干部素质提升年, 社会工作和志愿服务), verbatim from the articles.
///
/// 1. Per theme, a sample of members (up to `samplePerTheme`, spread evenly over the
///    members ranked by closeness to the centroid; each text cut to `charsPerText`) gives
///    the document frequency of every 2-4 character n-gram of Han characters.
/// 2. An n-gram's distinctiveness for theme c is p_in * ln(p_in / p_out): p_in is its
///    document frequency among c's members, p_out that among the rest of the corpus,
///    estimated from the other themes' samples weighted by their sizes (both smoothed by
///    +0.5 / +1). The best `candidateNgrams` are merged into maximal verbatim runs by
///    `PhraseMerger`; those runs are where the theme's words are, but they cross word ends
///    (离岸科创中心两个创新策源中心建).
/// 3. Every 2-10 character substring of those runs is a candidate term. One pass over all
///    themes' samples (`TermContexts`) counts each candidate's exact document frequency per
///    theme and the variety of characters on either side of it.
/// 4. A candidate is a term when it has a term's shape (`TermShape`: no particle, pronoun or
///    adverb inside, no conjunction or numeral hanging at an end) and reads as whole words in
///    the corpus (`TermContexts.isWhole`): different neighbours on each side (项目建 is always
///    followed by 设; 项目建设 is not), and its ends rarely cut a word (力推进 in 大力推进).
/// 5. Boilerplate is learned from the corpus, not listed: a term found in at least half of
///    the themes (each at least a quarter of its highest rate) is a formula that every kind
///    of story uses (会议指出, 重要讲话精神, 高质量发展), and never a label.
/// 6. Terms are ranked by the same distinctiveness with exact frequencies, raised for quoted
///    slogans (“一号工程”), campaign names (…年, …行动, …工程) and compounds of 3-5+
///    characters over single words; a term gives way to a longer
///    term containing it that most of its texts use (招商 to 招商引资).
/// 7. The label is the top 2-3 terms joined with "·".
public struct ThemeLabeler: Sendable {
    public struct Label: Sendable, Hashable {
        public var label: String
        public var phrases: [String]
    }

    public var samplePerTheme = 150
    public var charsPerText = 1500
    public var candidateNgrams = 300
    public var phrasesPerTheme = 8
    /// Merged runs per theme whose substrings become candidate terms.
    var runsPerTheme = 40

    public init() {}

    /// `texts`: analysis text per article (title and body). `members`: per theme, all its
    /// article indices ordered from most to least representative.
    public func label(texts: [String], members: [[Int]]) -> [Label] {
        label(members: members) { rows in rows.map { texts[$0] } }
    }

    /// The rows `label` reads the texts of, per theme (ranked members, evenly spaced).
    public func sampledRows(members: [[Int]]) -> [[Int]] {
        members.map { evenlySpaced($0, limit: samplePerTheme) }
    }

    /// The same, asking `texts(rows)` only for the texts of the sampled members (a few
    /// hundred per theme), in the order given: a large archive's texts need not all be read.
    public func label(members: [[Int]], texts: (_ rows: [Int]) throws -> [String]) rethrows -> [Label] {
        let k = members.count
        guard k > 0 else { return [] }
        let sampledRows = sampledRows(members: members)
        let sampledTexts = try texts(sampledRows.flatMap { $0 })
        var next = 0
        let samples: [[String]] = sampledRows.map { rows in
            defer { next += rows.count }
            return sampledTexts[next..<(next + rows.count)].map(truncate)
        }
        var counts = [[UInt64: Int32]](repeating: [:], count: k)
        counts.withUnsafeMutableBufferPointer { out in
            Parallel.forEach(k) { c in
                out[c] = Self.documentFrequencies(samples[c])
            }
        }
        let sizes = members.map(\.count)
        var runs = [[String]](repeating: [], count: k)
        runs.withUnsafeMutableBufferPointer { out in
            Parallel.forEach(k) { c in
                out[c] = distinctiveRuns(c, samples: samples, counts: counts, sizes: sizes)
            }
        }
        // Candidate terms: every 2-10 character substring of each theme's runs.
        var table = ScalarStringTable(capacity: 4096)
        var candidatesOf = [[Int]](repeating: [], count: k)
        for c in 0..<k {
            var ids = Set<Int>()
            for run in runs[c] {
                let scalars = Array(run.unicodeScalars)
                for start in 0..<scalars.count {
                    for length in TermShape.lengths where start + length <= scalars.count {
                        ids.insert(table.insert(scalars, from: start, count: length).id)
                    }
                }
            }
            candidatesOf[c] = ids.sorted()
        }
        // How strongly two characters bond: how often the pair occurs in all the samples.
        let scalarSamples = samples.map { texts in texts.map { Array($0.unicodeScalars) } }
        var pairs: [UInt64: Int32] = [:]
        for texts in scalarSamples {
            for scalars in texts where scalars.count >= 2 {
                for i in 1..<scalars.count where ScalarClass.isHan(scalars[i - 1]) && ScalarClass.isHan(scalars[i]) {
                    pairs[UInt64(scalars[i - 1].value) << 32 | UInt64(scalars[i].value), default: 0] += 1
                }
            }
        }
        let contexts = TermContexts(candidates: table, groups: scalarSamples) { a, b in
            pairs[UInt64(a.value) << 32 | UInt64(b.value)] ?? 0
        }
        return (0..<k).map { c in
            let phrases = rankedTerms(c, candidates: candidatesOf[c], contexts: contexts, sizes: sizes)
            return Label(label: Self.compose(phrases), phrases: phrases)
        }
    }

    /// The theme's most distinctive n-grams merged into verbatim runs.
    private func distinctiveRuns(_ c: Int, samples: [[String]], counts: [[UInt64: Int32]], sizes: [Int]) -> [String] {
        let k = samples.count
        let nIn = Double(samples[c].count)
        guard nIn > 0 else { return [] }
        let outSize = Double((0..<k).filter { $0 != c }.reduce(0) { $0 + sizes[$1] })
        var scored: [(key: UInt64, score: Double)] = []
        for (key, df) in counts[c] {
            let pIn = (Double(df) + 0.5) / (nIn + 1)
            var expectedOut = 0.0
            for other in 0..<k where other != c && !samples[other].isEmpty {
                let dfOther = Double(counts[other][key] ?? 0)
                expectedOut += Double(sizes[other]) * dfOther / Double(samples[other].count)
            }
            let pOut = (expectedOut + 0.5) / (outSize + 1)
            guard pIn > pOut else { continue }
            scored.append((key, pIn * log(pIn / pOut)))
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }
        let top = scored.prefix(candidateNgrams).map { (ngram: Self.decode($0.key), weight: Float($0.score)) }
        let support = min(samples[c].count, max(2, samples[c].count / 20))
        return PhraseMerger.phrases(from: top, occurringIn: samples[c], limit: runsPerTheme,
                                    minSupport: support).map(\.phrase)
    }

    /// The theme's terms, best first (steps 4-6 above).
    private func rankedTerms(_ c: Int, candidates: [Int], contexts: TermContexts, sizes: [Int]) -> [String] {
        let k = sizes.count
        let sampleSizes = contexts.groupSizes
        let nIn = Double(sampleSizes[c])
        guard nIn > 0 else { return [] }
        let support = Int32(min(sampleSizes[c], max(2, sampleSizes[c] / 20)))
        let outSize = Double((0..<k).filter { $0 != c }.reduce(0) { $0 + sizes[$1] })
        let table = contexts.candidates
        struct Term { var id: Int; var text: String; var df: Int32; var score: Double }
        var terms: [Term] = []
        for id in candidates {
            let dfIn = contexts.documentFrequency[c][id]
            guard dfIn >= support, contexts.isWhole(id), TermShape.isWellFormed(table.string(id)) else { continue }
            if k >= 3 && (isBoilerplate(id, contexts: contexts) || extendsBoilerplate(id, contexts: contexts)) { continue }
            let pIn = (Double(dfIn) + 0.5) / (nIn + 1)
            var expectedOut = 0.0
            for other in 0..<k where other != c && sampleSizes[other] > 0 {
                expectedOut += Double(sizes[other]) * contexts.coverage(id, in: other)
            }
            let pOut = (expectedOut + 0.5) / (outSize + 1)
            guard pIn > pOut else { continue }
            var score = pIn * log(pIn / pOut)
            let text = table.string(id)
            if contexts.quoted[id] >= 2 && 3 * contexts.quoted[id] >= contexts.occurrences[id] { score *= 1.5 }
            if table.lengths[id] >= 4 && TermShape.hasCampaignEnding(text) { score *= 1.3 }
            // Campaigns are named by compounds (重大项目建设, 高效办成一件事), rarely by one
            // word (签约, 公开): a longer term is preferred at a similar score.
            score *= [1.0, 1.0, 1.0, 1.3, 1.7, 2.0][min(table.lengths[id], 5)]
            terms.append(Term(id: id, text: text, df: dfIn, score: score))
        }
        terms.sort { lhs, rhs in
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            if table.lengths[lhs.id] != table.lengths[rhs.id] { return table.lengths[lhs.id] > table.lengths[rhs.id] }
            return table.scalars(lhs.id).lexicographicallyPrecedes(table.scalars(rhs.id)) { $0.value < $1.value }
        }
        var chosen: [Term] = []
        for term in terms {
            if chosen.count == phrasesPerTheme { break }
            // A longer term that most of this term's texts use says more (招商 -> 招商引资).
            var pick = term
            for longer in terms where table.lengths[longer.id] > table.lengths[pick.id]
                && 10 * longer.df >= 7 * term.df && table.contains(longer.id, term.id) {
                pick = longer
            }
            if chosen.contains(where: { table.contains($0.id, pick.id) || table.contains(pick.id, $0.id) }) { continue }
            chosen.append(pick)
        }
        return chosen.map(\.text)
    }

    /// Found in at least half of the themes (and at least 3), in each at a rate of at least a
    /// quarter of its highest: a formula every kind of story uses.
    private func isBoilerplate(_ id: Int, contexts: TermContexts) -> Bool {
        let k = contexts.groupSizes.count
        let rates = (0..<k).map { contexts.coverage(id, in: $0) }
        let highest = rates.max() ?? 0
        guard highest > 0 else { return false }
        let spread = rates.filter { $0 >= 0.02 && $0 >= 0.25 * highest }.count
        return spread >= max(3, (k + 1) / 2)
    }

    /// A formula with one character more is still a formula: 力推进 (推进), 要深入 (深入).
    private func extendsBoilerplate(_ id: Int, contexts: TermContexts) -> Bool {
        let table = contexts.candidates
        let length = table.lengths[id]
        guard length >= 3 else { return false }
        let scalars = Array(table.scalars(id))
        for start in [1, 0] {
            let count = length - 1
            if let inner = table.find(scalars, from: start, count: count), isBoilerplate(inner, contexts: contexts) {
                return true
            }
        }
        return false
    }

    /// Top 2-3 phrases joined with "·": a third only while the label stays short.
    static func compose(_ phrases: [String]) -> String {
        var parts: [String] = []
        var length = 0
        for phrase in phrases.prefix(3) {
            if parts.count >= 2 && length + phrase.count > 12 { break }
            parts.append(phrase)
            length += phrase.count
        }
        return parts.joined(separator: "·")
    }

    // MARK: - Counting

    /// Document frequency of 2-4 grams of Han characters (BMP), pruned to df >= 2 when the
    /// sample has 2+ texts: an n-gram seen once cannot label a theme, and pruning keeps
    /// 30 themes' tables small.
    static func documentFrequencies(_ texts: [String]) -> [UInt64: Int32] {
        var counts: [UInt64: Int32] = [:]
        var keys: [UInt64] = []
        for text in texts {
            keys.removeAll(keepingCapacity: true)
            var window: [UInt16] = []
            func flush() {
                guard window.count >= 2 else { window.removeAll(keepingCapacity: true); return }
                for start in 0..<(window.count - 1) {
                    var key: UInt64 = 0
                    for length in 1...4 where start + length <= window.count {
                        key = (key << 16) | UInt64(window[start + length - 1])
                        if length >= 2 { keys.append(key) }
                    }
                }
                window.removeAll(keepingCapacity: true)
            }
            for scalar in text.unicodeScalars {
                if isHan(scalar) { window.append(UInt16(scalar.value)) } else { flush() }
            }
            flush()
            keys.sort()
            var previous: UInt64 = 0
            for key in keys where key != previous {
                counts[key, default: 0] += 1
                previous = key
            }
        }
        let minimum: Int32 = texts.count >= 2 ? 2 : 1
        return counts.filter { $0.value >= minimum }
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3007, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: return true
        default: return false
        }
    }

    static func encode(_ scalars: ArraySlice<Unicode.Scalar>) -> UInt64? {
        var key: UInt64 = 0
        for scalar in scalars {
            guard isHan(scalar) else { return nil }
            key = (key << 16) | UInt64(scalar.value)
        }
        return key
    }

    static func decode(_ key: UInt64) -> String {
        var scalars: [Unicode.Scalar] = []
        var rest = key
        while rest != 0 {
            if let scalar = Unicode.Scalar(UInt32(rest & 0xFFFF)) { scalars.append(scalar) }
            rest >>= 16
        }
        var string = ""
        string.unicodeScalars.append(contentsOf: scalars.reversed())
        return string
    }

    private func evenlySpaced(_ rows: [Int], limit: Int) -> [Int] {
        guard rows.count > limit else { return rows }
        return (0..<limit).map { rows[$0 * rows.count / limit] }
    }

    private func truncate(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index == charsPerText { break }
            scalars.append(scalar)
        }
        return String(scalars)
    }
}

