/// A text prepared for explaining matches: its normalised form and TF-IDF row.
struct ExplainedText: Sendable {
    let text: String
    let indices: [Int32]
    let values: [Float]
    let vocabulary: ExplainedVocabulary
    /// Length in characters, counted once (Swift's `String.count` walks grapheme clusters).
    let length: Int
    let scalars: [Unicode.Scalar]

    init(vocabulary: ExplainedVocabulary, model: LSAModel, normalizedText: String) {
        text = normalizedText
        let row = model.vectorizer.transform(normalizedText)
        indices = row.indices
        values = row.values
        self.vocabulary = vocabulary
        length = normalizedText.count
        scalars = Array(normalizedText.unicodeScalars)
    }

    struct Comparison {
        var shared: [String]
        var duplicate: DuplicateKind?
    }

    /// Why two texts match: the readable phrases behind their shared n-grams, and whether
    /// one is a reprint of the other.
    ///
    /// Reprint rules (on the TF-IDF rows, which see the exact wording the LSA space blurs):
    /// cosine >= 0.8 with lengths within 30% is a near-duplicate; otherwise, if 70% of the
    /// shorter text's distinct multi-character n-grams appear in the longer and 60% of its
    /// characters lie in clauses the longer prints verbatim, it is contained in it (a digest
    /// of an inside-page story, a reprint with additions).
    func compare(with other: ExplainedText, phraseLimit: Int = 5) -> Comparison {
        let overlap = overlap(with: other)
        var contributions = overlap.contributions
        contributions.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }
        let seeds = contributions.prefix(40).map { (ngram: vocabulary.terms[Int($0.term)], weight: $0.weight) }
        // minSupport 2: a phrase must occur in both texts to explain the match.
        let phrases = PhraseMerger.phrases(from: Array(seeds), occurringInScalars: [scalars, other.scalars], limit: phraseLimit, minSupport: 2)
        return Comparison(shared: phrases.map(\.phrase), duplicate: overlap.duplicate)
    }

    /// Whether `other` is a reprint of this text (see `compare`), without explaining why.
    func duplicateKind(with other: ExplainedText) -> DuplicateKind? {
        overlap(with: other).duplicate
    }

    private struct Overlap {
        var contributions: [(term: Int32, weight: Float)] = []
        var duplicate: DuplicateKind?
    }

    /// One merge over the two sorted rows: the shared multi-character n-grams with their
    /// contribution to the TF-IDF cosine, and the reprint verdict.
    private func overlap(with other: ExplainedText) -> Overlap {
        var result = Overlap()
        var cosine: Float = 0
        var sharedMulti = 0, selfMulti = 0, otherMulti = 0
        var i = 0, j = 0
        while i < indices.count || j < other.indices.count {
            if j == other.indices.count || (i < indices.count && indices[i] < other.indices[j]) {
                if vocabulary.isMultiCharacter[Int(indices[i])] { selfMulti += 1 }
                i += 1
            } else if i == indices.count || other.indices[j] < indices[i] {
                if vocabulary.isMultiCharacter[Int(other.indices[j])] { otherMulti += 1 }
                j += 1
            } else {
                let weight = values[i] * other.values[j]
                cosine += weight
                if vocabulary.isMultiCharacter[Int(indices[i])] {
                    sharedMulti += 1
                    selfMulti += 1
                    otherMulti += 1
                    result.contributions.append((indices[i], weight))
                }
                i += 1
                j += 1
            }
        }
        let shorter = min(length, other.length), longer = max(length, other.length)
        if cosine >= 0.8 && Double(shorter) >= 0.7 * Double(longer) {
            result.duplicate = .nearDuplicate
        } else if min(selfMulti, otherMulti) >= 20, Double(sharedMulti) >= 0.7 * Double(min(selfMulti, otherMulti)),
                  VerbatimOverlap.share(of: length <= other.length ? text : other.text,
                                        in: length <= other.length ? other.text : text) >= 0.6 {
            // Vocabulary n-grams alone cannot tell a digest from a same-campaign article
            // (see VerbatimOverlap); a digest also copies most of its clauses.
            result.duplicate = .contained
        }
        return result
    }
}

/// Explanations for many pairs of stored documents (`related --all`): every document's
/// TF-IDF row is computed once, not once per pair.
public struct PairExplainer: Sendable {
    private let texts: [ExplainedText]

    public init(model: LSAModel, library: ArticleLibrary) throws {
        var normalized: [String: String] = [:]
        try library.forEachBatch { batch in
            for article in batch { normalized[article.id] = article.normalized }
        }
        let ids = model.documentIDs
        let vocabulary = ExplainedVocabulary(model.vectorizer.vocabulary)
        texts = Parallel.map(0..<ids.count) { ExplainedText(vocabulary: vocabulary, model: model, normalizedText: normalized[ids[$0]] ?? "") }
    }

    func compare(_ a: Int, _ b: Int) -> ExplainedText.Comparison {
        texts[a].compare(with: texts[b])
    }

    public func duplicateKind(_ a: Int, _ b: Int) -> DuplicateKind? {
        texts[a].duplicateKind(with: texts[b])
    }
}

/// What explanations need to know about each vocabulary term, computed once per model
/// rather than per pair.
struct ExplainedVocabulary: Sendable {
    let terms: [String]
    /// Single characters carry no phrase and no evidence of reprinting on their own.
    let isMultiCharacter: [Bool]

    init(_ vocabulary: Vocabulary) {
        terms = vocabulary.terms
        isMultiCharacter = terms.map { $0.unicodeScalars.count > 1 }
    }
}
