import Foundation

/// The kept n-grams of a fitted vectorizer: column `i` of the TF-IDF matrix is `terms[i]`.
///
/// Order: a fitted vocabulary lists terms by ascending `NGramKey` (single characters, then
/// bigrams, then trigrams of single characters, each in code point order, then n-grams with
/// Latin/digit runs or n > 3 in hash order). That order is fixed by the terms alone, so the
/// same corpus and options always give the same columns. A vocabulary rebuilt from a stored
/// model keeps whatever order it is given.
///
/// The arrays are read-only so they cannot drift from the key lookup built alongside them.
public struct Vocabulary: Sendable, Equatable {
    public private(set) var terms: [String]
    /// In how many documents of the fitted corpus each term occurs.
    public private(set) var documentFrequency: [Int32]
    /// Smoothed inverse document frequency, ln((1 + n) / (1 + df)) + 1.
    public private(set) var idf: [Float]
    /// The number of documents the vocabulary was fitted on.
    public private(set) var documentCount: Int

    let keys: [UInt64]
    let lookup: NGramIndexTable

    /// Rebuilds a vocabulary (e.g. from a stored model). Throws `ZhutiError(.corruptModel)`
    /// when the arrays disagree in length, a term is not a single n-gram, or a term repeats.
    public init(terms: [String], documentFrequency: [Int32], idf: [Float], documentCount: Int) throws {
        guard documentFrequency.count == terms.count, idf.count == terms.count else {
            throw ZhutiError(.corruptModel,
                "vocabulary has \(terms.count) terms but \(documentFrequency.count) document frequencies and \(idf.count) idf values")
        }
        guard terms.count <= Int(Int32.max) else {
            throw ZhutiError(.corruptModel, "vocabulary has \(terms.count) terms, more than a column index can address")
        }
        var keys: [UInt64] = []
        keys.reserveCapacity(terms.count)
        for (position, term) in terms.enumerated() {
            guard let key = NGramKey(term) else {
                throw ZhutiError(.corruptModel, "vocabulary term \(position) (\(term.debugDescription)) is not an n-gram")
            }
            keys.append(key.rawValue)
        }
        try self.init(keys: keys, terms: terms, documentFrequency: documentFrequency, idf: idf, documentCount: documentCount)
    }

    /// Rebuilds a vocabulary from stored terms together with their stored `termKeys`, which
    /// skips re-deriving each key from its text (about a microsecond per term). The keys must be
    /// the ones this vocabulary reported (their hashing is fixed across runs and versions);
    /// mismatched keys would silently drop terms, so use this only behind a checksum.
    public init(
        terms: [String], termKeys: [UInt64], documentFrequency: [Int32], idf: [Float], documentCount: Int
    ) throws {
        guard termKeys.count == terms.count, documentFrequency.count == terms.count, idf.count == terms.count else {
            throw ZhutiError(.corruptModel,
                "vocabulary has \(terms.count) terms but \(termKeys.count) keys, \(documentFrequency.count) document frequencies and \(idf.count) idf values")
        }
        try self.init(keys: termKeys, terms: terms, documentFrequency: documentFrequency, idf: idf, documentCount: documentCount)
    }

    /// The `NGramKey` raw value of each term, for storing next to the terms.
    public var termKeys: [UInt64] { keys }

    init(keys: [UInt64], terms: [String], documentFrequency: [Int32], idf: [Float], documentCount: Int) throws {
        guard let lookup = NGramIndexTable(keys) else {
            throw ZhutiError(.corruptModel, "vocabulary lists the same term twice")
        }
        self.init(keys: keys, lookup: lookup, terms: terms, documentFrequency: documentFrequency, idf: idf,
                  documentCount: documentCount)
    }

    init(keys: [UInt64], lookup: NGramIndexTable, terms: [String], documentFrequency: [Int32], idf: [Float],
         documentCount: Int) {
        self.keys = keys
        self.lookup = lookup
        self.terms = terms
        self.documentFrequency = documentFrequency
        self.idf = idf
        self.documentCount = documentCount
    }

    public var count: Int { terms.count }

    /// The column of `term`, or nil when the term is not in the vocabulary.
    public func index(of term: String) -> Int? {
        guard let key = NGramKey(term) else { return nil }
        let index = lookup.index(of: key.rawValue)
        return index < 0 ? nil : Int(index)
    }

    /// The column of an n-gram key, or -1.
    @inline(__always)
    func index(ofKey key: UInt64) -> Int32 { lookup.index(of: key) }

    public static func == (lhs: Vocabulary, rhs: Vocabulary) -> Bool {
        lhs.terms == rhs.terms && lhs.documentFrequency == rhs.documentFrequency && lhs.idf == rhs.idf
            && lhs.documentCount == rhs.documentCount
    }

    /// Smoothed idf as scikit-learn computes it (`smooth_idf=True`).
    static func smoothedIDF(documentFrequency df: Int, documentCount n: Int) -> Float {
        Float(log(Double(1 + n) / Double(1 + df)) + 1)
    }
}
