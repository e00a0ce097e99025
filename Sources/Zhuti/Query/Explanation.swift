/// A text prepared for explaining matches: its normalised form and TF-IDF row.
struct ExplainedText: Sendable {
    let text: String
    /// The TF-IDF row; slices, so the texts of a batch share the batch matrix's storage.
    let indices: ArraySlice<Int32>
    let values: ArraySlice<Float>
    let vocabulary: ExplainedVocabulary
    /// Length in Unicode scalars (characters, for Chinese text), counted once.
    let length: Int
    /// The text's scalars, for finding shared phrases; empty when prepared only for reprint
    /// checks (4 bytes a character, for every text of a large archive).
    let scalars: [Unicode.Scalar]
    /// 1 where the row's n-gram is longer than one character, else 0 (see `overlap`).
    let multiCharacter: ArraySlice<UInt8>
    let multiCharacterTerms: Int

    init(vocabulary: ExplainedVocabulary, model: LSAModel, normalizedText: String, phrases: Bool = true) {
        let row = model.vectorizer.transform(normalizedText)
        self.init(vocabulary: vocabulary, normalizedText: normalizedText, indices: row.indices[...], values: row.values[...],
                  multiCharacter: vocabulary.multiCharacterFlags(row.indices)[...], phrases: phrases)
    }

    /// The row (`indices`, `values`) is the text's TF-IDF row under the model `vocabulary`
    /// comes from, `multiCharacter` its flags (`ExplainedVocabulary.multiCharacterFlags`);
    /// `phrases` false prepares the text for `duplicateKind` only.
    init(vocabulary: ExplainedVocabulary, normalizedText: String, indices: ArraySlice<Int32>, values: ArraySlice<Float>,
         multiCharacter: ArraySlice<UInt8>, phrases: Bool = true) {
        text = normalizedText
        self.indices = indices
        self.values = values
        self.vocabulary = vocabulary
        scalars = phrases ? Array(normalizedText.unicodeScalars) : []
        length = phrases ? scalars.count : normalizedText.unicodeScalars.count
        self.multiCharacter = multiCharacter
        multiCharacterTerms = multiCharacter.reduce(0) { $0 + Int($1) }
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
        // The 40 strongest shared n-grams (ties to the lower term id): selected, not sorted.
        var strongest = TopK(capacity: 40)
        for (term, weight) in overlap.contributions where weight >= strongest.threshold {
            strongest.consider(Int(term), weight)
        }
        let seeds = strongest.entries.map { (ngram: vocabulary.terms[$0.index], weight: $0.score) }
        // minSupport 2: a phrase must occur in both texts to explain the match.
        let phrases = PhraseMerger.phrases(from: seeds, occurringInScalars: [scalars, other.scalars], limit: phraseLimit, minSupport: 2)
        return Comparison(shared: phrases.map(\.phrase), duplicate: overlap.duplicate)
    }

    /// Whether `other` is a reprint of this text (see `compare`), without explaining why.
    func duplicateKind(with other: ExplainedText) -> DuplicateKind? {
        let shorter = min(length, other.length), longer = max(length, other.length)
        // Neither rule can hold: skip the merge (most pairs of a real archive).
        guard Double(shorter) >= 0.7 * Double(longer) || min(multiCharacterTerms, other.multiCharacterTerms) >= 20 else {
            return nil
        }
        let (cosine, sharedMulti) = sharedWeight(with: other)
        return verdict(with: other, cosine: cosine, sharedMulti: sharedMulti)
    }

    /// The TF-IDF cosine and the number of shared multi-character n-grams.
    private func sharedWeight(with other: ExplainedText) -> (cosine: Float, sharedMulti: Int) {
        var cosine: Float = 0
        var shared = 0
        forEachShared(with: other) { _, weight, isMultiCharacter in
            cosine += weight
            shared &+= isMultiCharacter ? 1 : 0
        }
        return (cosine, shared)
    }

    private struct Overlap {
        var contributions: [(term: Int32, weight: Float)] = []
        var duplicate: DuplicateKind?
    }

    /// The reprint verdict and the shared multi-character n-grams with their contribution
    /// to the TF-IDF cosine.
    private func overlap(with other: ExplainedText) -> Overlap {
        var result = Overlap()
        var cosine: Float = 0
        var sharedMulti = 0
        forEachShared(with: other) { term, weight, isMultiCharacter in
            cosine += weight
            if isMultiCharacter {
                sharedMulti += 1
                result.contributions.append((term, weight))
            }
        }
        result.duplicate = verdict(with: other, cosine: cosine, sharedMulti: sharedMulti)
        return result
    }

    /// Every n-gram both rows hold, in column order, with its contribution to the cosine.
    /// The merge of the two sorted rows first notes where they match without branching on
    /// the data (a reprint's rows share most entries, so "equal or not" is a coin toss the
    /// branch predictor loses), then visits the matches.
    @inline(__always)
    private func forEachShared(with other: ExplainedText, _ body: (_ term: Int32, _ weight: Float, _ isMultiCharacter: Bool) -> Void) {
        indices.withUnsafeBufferPointer { a in
            other.indices.withUnsafeBufferPointer { b in
                values.withUnsafeBufferPointer { x in
                    other.values.withUnsafeBufferPointer { y in
                        multiCharacter.withUnsafeBufferPointer { multi in
                            withUnsafeTemporaryAllocation(of: (Int32, Int32).self, capacity: min(a.count, b.count) + 1) { matches in
                                var count = 0, i = 0, j = 0
                                while i < a.count && j < b.count {
                                    let left = a[i], right = b[j]
                                    matches[count] = (Int32(truncatingIfNeeded: i), Int32(truncatingIfNeeded: j))
                                    count &+= left == right ? 1 : 0
                                    i &+= left <= right ? 1 : 0
                                    j &+= right <= left ? 1 : 0
                                }
                                for match in 0..<count {
                                    let i = Int(matches[match].0), j = Int(matches[match].1)
                                    body(a[i], x[i] * y[j], multi[i] != 0)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The reprint rules (see `compare`) given the merge's cosine and shared multi-character count.
    private func verdict(with other: ExplainedText, cosine: Float, sharedMulti: Int) -> DuplicateKind? {
        let selfMulti = multiCharacterTerms, otherMulti = other.multiCharacterTerms
        let shorter = min(length, other.length), longer = max(length, other.length)
        if cosine >= 0.8 && Double(shorter) >= 0.7 * Double(longer) {
            return .nearDuplicate
        }
        if min(selfMulti, otherMulti) >= 20, Double(sharedMulti) >= 0.7 * Double(min(selfMulti, otherMulti)),
           VerbatimOverlap.share(of: isShorter(than: other) ? text : other.text,
                                 in: isShorter(than: other) ? other.text : text) >= 0.6 {
            // Vocabulary n-grams alone cannot tell a digest from a same-campaign article
            // (see VerbatimOverlap); a digest also copies most of its clauses.
            return .contained
        }
        return nil
    }

    /// Which of two texts the containment check reads as the digest: the shorter, and of
    /// two of one length the one first in code-point order, so comparing a with b and b
    /// with a gives one verdict.
    private func isShorter(than other: ExplainedText) -> Bool {
        // UTF-8 byte order is code-point order.
        length != other.length ? length < other.length : !other.text.utf8.lexicographicallyPrecedes(text.utf8)
    }
}

/// Explanations for pairs of stored documents (`related --all`, reprint flags on graph
/// edges, each query's results). Each unordered pair is compared once (a pair of mutual
/// neighbours is asked for twice), and a document's text is read and turned into a TF-IDF
/// row once, only when some pair needs it, then kept: all of them for a batch job, the
/// most recently prepared `capacity` in a long-running server.
public final class PairExplainer: Sendable {
    /// An unordered pair of document positions.
    public struct Pair: Hashable, Sendable {
        public let low: Int
        public let high: Int

        public init(_ a: Int, _ b: Int) {
            low = min(a, b)
            high = max(a, b)
        }
    }

    private let model: LSAModel
    private let library: ArticleLibrary
    let vocabulary: ExplainedVocabulary
    private let texts: GenerationalCache<Int, ExplainedText>
    /// Explained pairs, kept only by a bounded (long-running) explainer: a batch job asks
    /// for each pair at most twice and carries it itself.
    private let comparisons: GenerationalCache<Pair, ExplainedText.Comparison>?

    /// Whether texts are prepared for shared phrases too, or only for reprint checks.
    private let phrases: Bool

    /// `capacity`: about how many prepared texts (and 4x as many explained pairs) to keep;
    /// nil keeps every text and no pairs. `phrases` false: only reprint verdicts are asked for.
    public init(model: LSAModel, library: ArticleLibrary, capacity: Int? = nil, phrases: Bool = true) {
        self.model = model
        self.library = library
        self.phrases = phrases
        vocabulary = ExplainedVocabulary(model.vectorizer.vocabulary)
        texts = GenerationalCache(budget: capacity ?? Int.max)
        comparisons = capacity.map { GenerationalCache(budget: 4 * $0) }
    }

    /// Compares every distinct pair (over the cores when there are many); with `phrases`
    /// false only the reprint verdict is computed (`shared` stays empty).
    func compare(_ pairs: some Sequence<Pair>, phrases: Bool) throws -> [Pair: ExplainedText.Comparison] {
        precondition(self.phrases || !phrases, "this explainer prepared its texts for reprint checks only")
        var found: [Pair: ExplainedText.Comparison] = [:]
        var missing: [Pair] = []
        for pair in Set(pairs) {
            if phrases, let known = comparisons?.value(for: pair) { found[pair] = known } else { missing.append(pair) }
        }
        let texts = try explainedTexts(missing.flatMap { [$0.low, $0.high] })
        let computed = Self.map(missing.count) { i -> ExplainedText.Comparison in
            let a = texts[missing[i].low]!, b = texts[missing[i].high]!
            return phrases ? a.compare(with: b) : ExplainedText.Comparison(shared: [], duplicate: a.duplicateKind(with: b))
        }
        for (pair, comparison) in zip(missing, computed) {
            found[pair] = comparison
            if phrases { comparisons?.store(comparison, for: pair) }
        }
        return found
    }

    /// The reprint verdict for each pair.
    public func duplicateKinds(_ pairs: some Sequence<Pair>) throws -> [Pair: DuplicateKind] {
        try compare(pairs, phrases: false).compactMapValues(\.duplicate)
    }

    /// Reads and weighs the texts of `documents` not prepared yet (`compare` does this for
    /// its pairs; a caller that will need most documents does it once up front).
    func prepare(_ documents: [Int]) throws {
        _ = try explainedTexts(documents)
    }

    /// The prepared texts of `documents`, preparing the missing ones in one batch.
    func explainedTexts(_ documents: [Int]) throws -> [Int: ExplainedText] {
        var found: [Int: ExplainedText] = [:]
        var missing: [Int] = []
        for document in Set(documents) {
            if let text = texts.value(for: document) { found[document] = text } else { missing.append(document) }
        }
        guard !missing.isEmpty else { return found }
        missing.sort()
        let ids = model.documentIDs
        // A document whose article left the library compares as an empty text. For most of
        // the archive one scan of the table beats looking ids up.
        let normalized = missing.count * 2 > ids.count ? try library.normalizedTexts()
                                                       : try library.normalizedTexts(ids: missing.map { ids[$0] })
        let prepared = explainedTexts(normalized: missing.map { normalized[ids[$0]] ?? "" })
        for (document, text) in zip(missing, prepared) {
            texts.store(text, for: document)
            found[document] = text
        }
        return found
    }

    /// Texts prepared for explaining: a batch job's weighed as one matrix over the cores,
    /// a query's handful one by one in the caller's thread.
    func explainedTexts(normalized texts: [String]) -> [ExplainedText] {
        Self.explainedTexts(normalized: texts, vocabulary: vocabulary, model: model, phrases: phrases)
    }

    /// The reprint verdict for each pair of normalised texts, as `duplicateKinds` gives pairs
    /// of stored documents: for a cluster, whose partitions hold texts rather than a library.
    /// `texts` are normalised, each prepared once however many pairs name it; `pairs` index them.
    public static func duplicateKinds(model: LSAModel, texts: [String], pairs: [(Int, Int)]) -> [DuplicateKind?] {
        let prepared = explainedTexts(normalized: texts, vocabulary: ExplainedVocabulary(model.vectorizer.vocabulary),
                                      model: model, phrases: false)
        return map(pairs.count) { prepared[pairs[$0].0].duplicateKind(with: prepared[pairs[$0].1]) }
    }

    static func explainedTexts(normalized texts: [String], vocabulary: ExplainedVocabulary, model: LSAModel,
                               phrases: Bool) -> [ExplainedText] {
        guard texts.count >= 64 else {
            return texts.map { ExplainedText(vocabulary: vocabulary, model: model, normalizedText: $0, phrases: phrases) }
        }
        let rows = model.vectorizer.transform(texts)
        let flags = vocabulary.multiCharacterFlags(rows.columnIndices)
        return Parallel.map(0..<texts.count) { i in
            let range = rows.rowStarts[i]..<rows.rowStarts[i + 1]
            return ExplainedText(vocabulary: vocabulary, normalizedText: texts[i], indices: rows.columnIndices[range],
                                 values: rows.values[range], multiCharacter: flags[range], phrases: phrases)
        }
    }

    /// Over the cores for batch jobs; in the caller's thread for one query's handful,
    /// where handing work to other threads costs more than it saves.
    private static func map<T>(_ count: Int, _ transform: (Int) -> T) -> [T] {
        count >= 64 ? Parallel.map(0..<count, transform) : (0..<count).map(transform)
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

    /// 1 for each of `terms` longer than one character, else 0.
    func multiCharacterFlags(_ terms: [Int32]) -> [UInt8] {
        isMultiCharacter.withUnsafeBufferPointer { multi in terms.map { multi[Int($0)] ? 1 : 0 } }
    }
}
