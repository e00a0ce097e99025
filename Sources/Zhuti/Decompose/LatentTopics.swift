/// A latent dimension described by the n-grams that load most on each of its ends.
public struct LatentTopic: Codable, Sendable {
    public var dimension: Int
    public var singularValue: Float
    public var positive: [String]
    public var negative: [String]
}

public enum LatentTopics {
    /// Single characters say little on their own, so multi-character n-grams are preferred;
    /// a model built with --ngrams 1-1 still gets its single characters. Overlapping
    /// fragments of one word (新华, 华社, 新华社) load alike, so each end lists distinct words
    /// (see `distinct`).
    public static func describe(_ model: LSAModel, terms count: Int, limit: Int? = nil) -> [LatentTopic] {
        let k = model.dimensions
        let terms = model.vectorizer.vocabulary.terms
        let candidates = terms.indices.filter { terms[$0].count > 1 }
        let pool = candidates.isEmpty ? Array(terms.indices) : candidates
        let vectors = model.termVectors.buffer
        // Room for the fragments `distinct` folds away.
        let depth = count * 4
        return (0..<min(k, limit ?? k)).map { d in
            var positive = TopK(capacity: depth), negative = TopK(capacity: depth)
            for term in pool {
                let loading = vectors[term * k + d]
                if loading > 0 { positive.consider(term, loading) } else if loading < 0 { negative.consider(term, -loading) }
            }
            return LatentTopic(dimension: d, singularValue: model.singularValues[d],
                               positive: distinct(positive.entries.map { terms[$0.index] }, count: count),
                               negative: distinct(negative.entries.map { terms[$0.index] }, count: count))
        }
    }

    /// The first `count` of `ranked` (strongest first) once fragments are folded into words:
    /// a term inside one already listed is skipped; a term containing listed ones takes the
    /// place of the first of them (华社 then 新华社 list 新华社 where 华社 stood); and a term
    /// overlapping a listed one by two characters or more joins it (志愿服 + 愿服务 = 志愿服务,
    /// 习近平 + 近平总 + 平总书 + 总书记 = 习近平总书记). Two characters of overlap, not one: a
    /// single shared character joins unrelated words too often.
    static func distinct(_ ranked: [String], count: Int) -> [String] {
        var listed: [[Character]] = []
        for term in ranked.map(Array.init) {
            if listed.contains(where: { contains($0, term) }) { continue }
            if let (index, joined) = listed.indices.lazy.compactMap({ i in join(listed[i], term).map { (i, $0) } }).first {
                listed[index] = joined
                absorb(into: index, of: &listed)
                continue
            }
            let inside = listed.indices.filter { contains(term, listed[$0]) }
            if let first = inside.first {
                listed[first] = term
                for index in inside.dropFirst().reversed() { listed.remove(at: index) }
            } else if listed.count < count {
                listed.append(term)
            }
        }
        return listed.map { String($0) }
    }

    /// After `listed[index]` grew: the other entries it now contains or overlaps join it.
    private static func absorb(into index: Int, of listed: inout [[Character]]) {
        var index = index
        var changed = true
        while changed {
            changed = false
            for other in listed.indices where other != index {
                if contains(listed[index], listed[other]) {
                    listed.remove(at: other)
                } else if let joined = join(listed[index], listed[other]) {
                    listed[index] = joined
                    listed.remove(at: other)
                } else {
                    continue
                }
                if other < index { index -= 1 }
                changed = true
                break
            }
        }
    }

    private static func contains(_ long: [Character], _ short: [Character]) -> Bool {
        guard short.count <= long.count else { return false }
        return (0...(long.count - short.count)).contains { long[$0..<($0 + short.count)].elementsEqual(short) }
    }

    /// `a` and `b` run together when the end of one is the start of the other, over two
    /// characters or more (and neither contains the other).
    private static func join(_ a: [Character], _ b: [Character]) -> [Character]? {
        let most = min(a.count, b.count) - 1
        guard most >= 2 else { return nil }
        for overlap in stride(from: most, through: 2, by: -1) {
            if a.suffix(overlap).elementsEqual(b.prefix(overlap)) { return a + b.dropFirst(overlap) }
            if b.suffix(overlap).elementsEqual(a.prefix(overlap)) { return b + a.dropFirst(overlap) }
        }
        return nil
    }
}
