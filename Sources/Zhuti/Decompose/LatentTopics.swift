/// A latent dimension described by the n-grams that load most on each of its ends.
public struct LatentTopic: Codable, Sendable {
    public var dimension: Int
    public var singularValue: Float
    public var positive: [String]
    public var negative: [String]
}

public enum LatentTopics {
    /// Single characters say little on their own, so multi-character n-grams are preferred;
    /// a model built with --ngrams 1-1 still gets its single characters.
    public static func describe(_ model: LSAModel, terms count: Int, limit: Int? = nil) -> [LatentTopic] {
        let k = model.dimensions
        let terms = model.vectorizer.vocabulary.terms
        let candidates = terms.indices.filter { terms[$0].count > 1 }
        let pool = candidates.isEmpty ? Array(terms.indices) : candidates
        let vectors = model.termVectors.buffer
        return (0..<min(k, limit ?? k)).map { d in
            var positive = TopK(capacity: count), negative = TopK(capacity: count)
            for term in pool {
                let loading = vectors[term * k + d]
                if loading > 0 { positive.consider(term, loading) } else if loading < 0 { negative.consider(term, -loading) }
            }
            return LatentTopic(dimension: d, singularValue: model.singularValues[d],
                               positive: positive.entries.map { terms[$0.index] },
                               negative: negative.entries.map { terms[$0.index] })
        }
    }
}
