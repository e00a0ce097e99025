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

    /// The first `count` of `ranked` (strongest first) once fragments are folded into the
    /// longer n-grams that contain them: a term inside one already listed is skipped, and a
    /// term containing listed ones takes the place of the first of them (so 华社 then 新华社
    /// list 新华社 where 华社 stood).
    static func distinct(_ ranked: [String], count: Int) -> [String] {
        var listed: [String] = []
        for term in ranked {
            if listed.contains(where: { $0.contains(term) }) { continue }
            let inside = listed.indices.filter { term.contains(listed[$0]) }
            if let first = inside.first {
                listed[first] = term
                for index in inside.dropFirst().reversed() { listed.remove(at: index) }
            } else if listed.count < count {
                listed.append(term)
            }
        }
        return listed
    }
}
