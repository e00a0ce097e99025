import CLinearAlgebra

/// Exact cosine search over a model's unit document vectors.
///
/// Brute force with BLAS: one `sgemv` per query, `sgemm` over blocks of queries for the
/// all-pairs table. Below millions of articles this is fast enough and never misses a
/// neighbour, which an approximate index would. Ties are broken by article id.
public struct SimilarityIndex: Sendable {
    public let model: LSAModel

    public init(model: LSAModel) {
        self.model = model
    }

    private var tieBreak: (Int, Int) -> Bool {
        let ids = model.documentIDs
        return { ids[$0] < ids[$1] }
    }

    /// The `k` documents most similar to a unit `vector`; `allowed` filters candidates.
    public func nearest(to vector: [Float], k: Int, allowed: ((Int) -> Bool)? = nil) -> [TopK.Entry] {
        let n = model.documentCount
        guard n > 0, vector.count == model.dimensions else { return [] }
        let scores = scores(to: vector)
        var top = TopK(capacity: k)
        let tieBreak = tieBreak
        scores.withUnsafeBufferPointer { scores in
            for index in 0..<n where scores[index] >= top.threshold {
                if let allowed, !allowed(index) { continue }
                top.consider(index, scores[index], tieBreak: tieBreak)
            }
        }
        return top.entries
    }

    /// Every document's `k` nearest other documents, in document order. `allowed(query, candidate)`
    /// filters candidates; a document is never its own neighbour.
    public func nearestForAll(k: Int, allowed: (@Sendable (Int, Int) -> Bool)? = nil,
                              progress: ((Int) -> Void)? = nil) -> [[TopK.Entry]] {
        let n = model.documentCount, d = model.dimensions
        guard n > 0 else { return [] }
        // Blocks keep the score matrix around 32 MB whatever the archive size.
        let block = max(1, min(n, 8_000_000 / n, 1024))
        var results = [[TopK.Entry]](repeating: [], count: n)
        var scores = [Float](repeating: 0, count: block * n)
        let documents = model.documentVectors.buffer
        let tieBreak = tieBreak
        for start in stride(from: 0, to: n, by: block) {
            let rows = min(block, n - start)
            scores.withUnsafeMutableBufferPointer { out in
                // S (rows x n) = Q (rows x d) * D^T (d x n), row-major.
                cblas_sgemm(ZhutiCblasRowMajor, ZhutiCblasNoTrans, ZhutiCblasTrans, Int32(rows), Int32(n), Int32(d), 1,
                            documents.baseAddress! + start * d, Int32(d), documents.baseAddress, Int32(d),
                            0, out.baseAddress, Int32(n))
            }
            let blockResults = scores.withUnsafeBufferPointer { scores in
                Parallel.map(0..<rows) { row -> [TopK.Entry] in
                    let query = start + row
                    var top = TopK(capacity: k)
                    let base = row * n
                    for candidate in 0..<n where candidate != query && scores[base + candidate] >= top.threshold {
                        if let allowed, !allowed(query, candidate) { continue }
                        top.consider(candidate, scores[base + candidate], tieBreak: tieBreak)
                    }
                    return top.entries
                }
            }
            for (row, entries) in blockResults.enumerated() { results[start + row] = entries }
            progress?(start + rows)
        }
        return results
    }
}

extension SimilarityIndex {
    /// The cosine of a unit vector with every document, in document order.
    public func scores(to vector: [Float]) -> [Float] {
        let n = model.documentCount, d = model.dimensions
        var scores = [Float](repeating: 0, count: n)
        guard n > 0, vector.count == d else { return scores }
        vector.withUnsafeBufferPointer { query in
            scores.withUnsafeMutableBufferPointer { out in
                cblas_sgemv(ZhutiCblasRowMajor, ZhutiCblasNoTrans, Int32(n), Int32(d), 1,
                            model.documentVectors.buffer.baseAddress, Int32(d), query.baseAddress, 1, 0, out.baseAddress, 1)
            }
        }
        return scores
    }
}
