import Foundation

/// Character n-gram TF-IDF: the weighting of scikit-learn's
/// `TfidfVectorizer(sublinear_tf=True, smooth_idf=True, norm='l2')` over `NGramTokenizer` units.
///
/// Weight of term t in a document: (1 + ln tf) * idf(t), idf(t) = ln((1 + n) / (1 + df(t))) + 1,
/// then each row is scaled to unit L2 norm. A document with no known n-gram is an empty row.
public struct TfidfVectorizer: Sendable {
    public var options: VectorizerOptions
    public var vocabulary: Vocabulary

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
        let scratch = TfidfRowScratch()
        weigher.appendRow(text, to: scratch, recovering: nil)
        return (scratch.indices, scratch.values)
    }

    /// Rows for many documents, split over the cores.
    public func transform(_ texts: [String]) -> SparseMatrix {
        var builder = SparseMatrixBuilder()
        var unused: [Int32: String] = [:]
        weigher.appendRows(texts, to: &builder, recovering: nil, recovered: &unused)
        return builder.matrix(columns: vocabulary.count)
    }
}

/// Accumulates CSR rows in order.
struct SparseMatrixBuilder {
    var rowStarts: [Int] = [0]
    var columnIndices: [Int32] = []
    var values: [Float] = []

    var rows: Int { rowStarts.count - 1 }

    func matrix(columns: Int) -> SparseMatrix {
        SparseMatrix(rows: rows, columns: columns, rowStarts: rowStarts, columnIndices: columnIndices, values: values)
    }
}

/// A worker's reusable memory for weighting rows, and the rows it produced for one chunk.
final class TfidfRowScratch {
    let counter = NGramDocumentCounter()
    var pairs: [UInt64] = []
    var weights: [Double] = []
    var rowLengths: [Int] = []
    var indices: [Int32] = []
    var values: [Float] = []
    /// Strings of hashed terms met while fitting, by column.
    var recovered: [Int32: String] = [:]

    func clearRows() {
        rowLengths.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }
}

/// Turns text into weighted rows given the kept keys and their idf.
struct TfidfRowWeigher: Sendable {
    var tokenizer: NGramTokenizer
    var lookup: NGramIndexTable
    var idf: [Float]

    /// Appends the row of `text` to `scratch`. When `recovering` is given, a hashed n-gram whose
    /// column is flagged there has its text copied into `scratch.recovered` (once per worker).
    func appendRow(_ text: String, to scratch: TfidfRowScratch, recovering: UnsafeBufferPointer<Bool>?) {
        let counter = scratch.counter
        counter.reset()
        if let recovering {
            tokenizer.scan(text) { key, bytes, start, end in
                counter.add(key)
                guard key & NGramKey.hashedTag != 0 else { return }
                let column = lookup.index(of: key)
                if column >= 0 && recovering[Int(column)] && scratch.recovered[column] == nil {
                    scratch.recovered[column] = String(
                        decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                }
            }
        } else {
            tokenizer.scan(text) { key, _, _, _ in counter.add(key) }
        }

        // (column << 32 | tf) sorts by column, which CSR wants ascending within a row.
        scratch.pairs.removeAll(keepingCapacity: true)
        for position in 0..<counter.distinctCount {
            let column = lookup.index(of: counter.keys[position])
            if column >= 0 {
                scratch.pairs.append(UInt64(UInt32(column)) << 32 | UInt64(counter.counts[position]))
            }
        }
        scratch.pairs.sort()

        scratch.weights.removeAll(keepingCapacity: true)
        var sumOfSquares = 0.0
        idf.withUnsafeBufferPointer { idf in
            for pair in scratch.pairs {
                let tf = Double(pair & 0xFFFF_FFFF)
                let weight = (1 + log(tf)) * Double(idf[Int(pair >> 32)])
                scratch.weights.append(weight)
                sumOfSquares += weight * weight
            }
        }
        let norm = sumOfSquares.squareRoot()
        guard norm > 0, norm.isFinite else {  // nothing known (or a stored idf of 0): empty row
            scratch.rowLengths.append(0)
            return
        }
        for (pair, weight) in zip(scratch.pairs, scratch.weights) {
            scratch.indices.append(Int32(truncatingIfNeeded: pair >> 32))
            scratch.values.append(Float(weight / norm))
        }
        scratch.rowLengths.append(scratch.pairs.count)
    }

    /// Appends the rows of `texts` to `builder`, chunk by chunk, each chunk split over the cores.
    /// With `recovering`, strings of flagged hashed terms are gathered into `recovered` and their
    /// flags cleared, so each is copied about once.
    func appendRows(
        _ texts: [String], to builder: inout SparseMatrixBuilder,
        recovering: UnsafeMutableBufferPointer<Bool>?, recovered: inout [Int32: String],
        chunkBytes: Int = VectorizeWork.defaultChunkBytes
    ) {
        let workers = VectorizeWork.workerCount
        let scratches = (0..<workers).map { _ in TfidfRowScratch() }
        for chunk in VectorizeWork.chunks(texts, chunkBytes: chunkBytes) {
            let parts = VectorizeWork.split(texts, chunk, parts: workers)
            let shared = VectorizeUnchecked(value: (scratches, recovering.map { UnsafeBufferPointer($0) }))
            VectorizeWork.run(workers) { worker in
                let scratch = shared.value.0[worker]
                scratch.clearRows()
                for document in parts[worker] {
                    appendRow(texts[document], to: scratch, recovering: shared.value.1)
                }
            }
            for scratch in scratches {
                var offset = 0
                for length in scratch.rowLengths {
                    offset += length
                    builder.rowStarts.append(builder.columnIndices.count + offset)
                }
                builder.columnIndices.append(contentsOf: scratch.indices)
                builder.values.append(contentsOf: scratch.values)
                if let recovering {
                    for (column, text) in scratch.recovered where recovering[Int(column)] {
                        recovered[column] = text
                        recovering[Int(column)] = false
                    }
                    scratch.recovered.removeAll(keepingCapacity: true)
                }
            }
        }
    }
}
