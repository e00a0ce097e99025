import Foundation

/// Labels themes with real phrases from their members.
///
/// 1. Per theme, a sample of members (up to `samplePerTheme`, spread evenly over the
///    members ranked by closeness to the centroid; each text cut to `charsPerText`) gives
///    the document frequency of every 2-4 character n-gram of Han characters.
/// 2. An n-gram's distinctiveness for theme c is p_in * ln(p_in / p_out): p_in is its
///    document frequency among c's members, p_out that among the rest of the corpus,
///    estimated from the other themes' samples weighted by their sizes (both smoothed by
///    +0.5 / +1). This rewards phrases that are both common in the theme and rare outside.
/// 3. The best `candidateNgrams` n-grams are merged into maximal verbatim phrases by
///    `PhraseMerger` (present in at least 2 sampled members, or 5% of them).
/// 4. Phrases common to (nearly) every theme are dropped, such as 习近平总书记: with k >= 3,
///    a phrase whose frequency in 80% of the themes is at least a quarter of its frequency
///    in the theme where it is most frequent.
/// 5. The label is the top 2-3 phrases joined with "·".
public struct ThemeLabeler: Sendable {
    public struct Label: Sendable, Hashable {
        public var label: String
        public var phrases: [String]
    }

    public var samplePerTheme = 150
    public var charsPerText = 1500
    public var candidateNgrams = 300
    public var phrasesPerTheme = 8

    public init() {}

    /// `texts`: analysis text per article (title and body). `members`: per theme, all its
    /// article indices ordered from most to least representative.
    public func label(texts: [String], members: [[Int]]) -> [Label] {
        label(members: members) { rows in rows.map { texts[$0] } }
    }

    /// The same, asking `texts(rows)` only for the texts of the sampled members (a few
    /// hundred per theme), in the order given: a large archive's texts need not all be read.
    public func label(members: [[Int]], texts: (_ rows: [Int]) throws -> [String]) rethrows -> [Label] {
        let k = members.count
        guard k > 0 else { return [] }
        let sampledRows = members.map { evenlySpaced($0, limit: samplePerTheme) }
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
        var labels = [Label](repeating: Label(label: "", phrases: []), count: k)
        labels.withUnsafeMutableBufferPointer { out in
            Parallel.forEach(k) { c in
                out[c] = labelTheme(c, samples: samples, counts: counts, sizes: sizes)
            }
        }
        return labels
    }

    private func labelTheme(_ c: Int, samples: [[String]], counts: [[UInt64: Int32]], sizes: [Int]) -> Label {
        let k = samples.count
        let nIn = Double(samples[c].count)
        guard nIn > 0 else { return Label(label: "", phrases: []) }
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
        let merged = PhraseMerger.phrases(from: top, occurringIn: samples[c], limit: phrasesPerTheme * 3,
                                          minSupport: support, trimming: PhraseMerger.functionCharacters)
        // Re-rank the merged phrases as phrases: PhraseMerger's summed n-gram weights grow
        // with length, but the label should lead with what most members say (the campaign
        // name), so each phrase gets the same p_in * ln(p_in / p_out) score, with p_in its
        // exact document frequency in the sample and p_out estimated from its n-grams.
        var ranked: [(phrase: String, score: Double, length: Int)] = []
        for (phrase, _) in merged {
            if k >= 3 && isCommon(phrase, counts: counts, samples: samples) { continue }
            let dfIn = Double(samples[c].filter { ByteSearch.contains($0, phrase) }.count)
            let pIn = (dfIn + 0.5) / (nIn + 1)
            var expectedOut = 0.0
            for other in 0..<k where other != c && !samples[other].isEmpty {
                expectedOut += Double(sizes[other]) * estimatedCoverage(phrase, counts[other], samples[other].count)
            }
            let pOut = (expectedOut + 0.5) / (outSize + 1)
            guard pIn > pOut else { continue }
            ranked.append((phrase, pIn * log(pIn / pOut), phrase.unicodeScalars.count))
        }
        ranked.sort { lhs, rhs in
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            if lhs.length != rhs.length { return lhs.length > rhs.length }
            return Array(lhs.phrase.unicodeScalars).lexicographicallyPrecedes(Array(rhs.phrase.unicodeScalars)) {
                $0.value < $1.value
            }
        }
        let phrases = ranked.prefix(phrasesPerTheme).map(\.phrase)
        return Label(label: Self.compose(phrases), phrases: phrases)
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

    /// Frequency of a phrase per theme, estimated as the smallest frequency of its n-grams
    /// of the longest counted length (exact up to 4 characters, an upper bound beyond).
    private func isCommon(_ phrase: String, counts: [[UInt64: Int32]], samples: [[String]]) -> Bool {
        guard let keys = Self.keys(of: phrase) else { return false }
        var coverage = (0..<counts.count).map { estimatedCoverage(keys, counts[$0], samples[$0].count) }
        coverage.sort(by: >)
        let quorum = Int((0.8 * Double(counts.count)).rounded(.up))
        let atQuorum = coverage[quorum - 1]
        return atQuorum >= 0.02 && atQuorum >= 0.25 * coverage[0]
    }

    /// Keys of a phrase's n-grams of the longest counted length (up to 4).
    static func keys(of phrase: String) -> [UInt64]? {
        let scalars = Array(phrase.unicodeScalars)
        let length = min(4, scalars.count)
        guard length >= 2 else { return nil }
        var keys: [UInt64] = []
        for start in 0...(scalars.count - length) {
            guard let key = encode(scalars[start..<(start + length)]) else { return nil }
            keys.append(key)
        }
        return keys
    }

    private func estimatedCoverage(_ phrase: String, _ counts: [UInt64: Int32], _ sampleSize: Int) -> Double {
        guard let keys = Self.keys(of: phrase) else { return 0 }
        return estimatedCoverage(keys, counts, sampleSize)
    }

    private func estimatedCoverage(_ keys: [UInt64], _ counts: [UInt64: Int32], _ sampleSize: Int) -> Double {
        guard sampleSize > 0 else { return 0 }
        let df = keys.map { Double(counts[$0] ?? 0) }.min() ?? 0
        return df / Double(sampleSize)
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

