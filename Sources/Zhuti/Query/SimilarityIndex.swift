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
    ///
    /// Each core takes an equal share of the query rows and walks it in slices: one `sgemm`
    /// for the slice's scores against all documents, then the top-k scan of those rows
    /// while they are still in cache. `progress` is called (from a worker) with an estimate
    /// of the rows done.
    public func nearestForAll(k: Int, allowed: (@Sendable (Int, Int) -> Bool)? = nil,
                              progress: ((Int) -> Void)? = nil) -> [[TopK.Entry]] {
        let n = model.documentCount, d = model.dimensions
        guard n > 0 else { return [] }
        let parts = min(Parallel.coreCount, n)
        // A slice's scores stay around 8 MB per core whatever the archive size.
        let slice = max(1, min(n, 2_000_000 / n, 512))
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: parts * slice * n)
        defer { scores.deallocate() }
        nonisolated(unsafe) let scoreBuffers = scores
        var results = [[TopK.Entry]](repeating: [], count: n)
        let documents = model.documentVectors.buffer
        let tieBreak = tieBreak
        results.withUnsafeMutableBufferPointer { results in
            nonisolated(unsafe) let output = results
            BLASThreads.singleThreaded {
                Parallel.forEach(parts) { part in
                    let lower = n * part / parts, upper = n * (part + 1) / parts
                    let buffer = scoreBuffers + part * slice * n
                    for start in stride(from: lower, to: upper, by: slice) {
                        let rows = min(slice, upper - start)
                        // S (rows x n) = Q (rows x d) * D^T (d x n), row-major.
                        cblas_sgemm(ZhutiCblasRowMajor, ZhutiCblasNoTrans, ZhutiCblasTrans, Int32(rows), Int32(n), Int32(d), 1,
                                    documents.baseAddress! + start * d, Int32(d), documents.baseAddress, Int32(d),
                                    0, buffer, Int32(n))
                        for row in 0..<rows {
                            let query = start + row
                            var top = TopK(capacity: k)
                            let base = buffer + row * n
                            for candidate in 0..<n where base[candidate] >= top.threshold && candidate != query {
                                if let allowed, !allowed(query, candidate) { continue }
                                top.consider(candidate, base[candidate], tieBreak: tieBreak)
                            }
                            output[query] = top.entries
                        }
                        if part == 0 { progress?(min(n, (start + rows - lower) * parts)) }
                    }
                }
            }
        }
        progress?(n)
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
