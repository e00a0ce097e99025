import Foundation

/// Character n-gram TF-IDF: the weighting of scikit-learn's
/// `TfidfVectorizer(sublinear_tf=True, smooth_idf=True, norm='l2')` over `NGramTokenizer` units.
///
/// Weight of term t in a document: (1 + ln tf) * idf(t), idf(t) = ln((1 + n) / (1 + df(t))) + 1,
/// then each row is scaled to unit L2 norm. A document with no known n-gram is an empty row.
public struct TfidfVectorizer: Sendable {
    public var options: VectorizerOptions
    public var vocabulary: Vocabulary
    /// Scratch memory for one-text transforms, reused across calls (a query server weighs a
    /// handful of texts per request; fresh scratch cost more than the weighing).
    private let scratchPool = TfidfScratchPool()

    /// Rebuilds a vectorizer from a stored model.
    public init(options: VectorizerOptions, vocabulary: Vocabulary) {
        self.options = options
        self.vocabulary = vocabulary
    }

    var tokenizer: NGramTokenizer { NGramTokenizer(minN: options.minN, maxN: options.maxN) }

    var weigher: TfidfRowWeigher {
        TfidfRowWeigher(tokenizer: tokenizer, lookup: vocabulary.lookup, idf: vocabulary.idf)
    }

    /// One document's row: column indices ascending, values L2-normalised. Identical, bit for
    /// bit, to the document's row of the matrix `fit` or `transform(_: [String])` returns.
    public func transform(_ text: String) -> (indices: [Int32], values: [Float]) {
        let weigher = weigher
        return scratchPool.withScratch { scratch in
            scratch.rows = TfidfRows()
            weigher.appendRow(text, to: &scratch, recovering: nil)
            return (scratch.rows.indices, scratch.rows.values)
        }
    }

    /// Rows for many documents, split over the cores.
    public func transform(_ texts: [String]) -> SparseMatrix {
        var builder = TfidfMatrixBuilder()
        var unused: [Int32: String] = [:]
        weigher.appendRows(texts, to: &builder, recovering: nil, recovered: &unused)
        return builder.matrix(columns: vocabulary.count)
    }
}

/// Idle `TfidfRowScratch`es, handed to one caller at a time and released with the pool.
final class TfidfScratchPool: @unchecked Sendable {
    // @unchecked: `idle` is only touched under `lock`; a scratch is used by one thread at a time.
    private let lock = NSLock()
    private var idle: [TfidfRowScratch] = []

    func withScratch<T>(_ body: (inout TfidfRowScratch) -> T) -> T {
        lock.lock()
        var scratch = idle.popLast() ?? TfidfRowScratch()
        lock.unlock()
        let result = body(&scratch)
        lock.lock()
        if idle.count < 16 { idle.append(scratch) } else { scratch.release() }
        lock.unlock()
        return result
    }

    deinit {
        for scratch in idle { scratch.release() }
    }
}
