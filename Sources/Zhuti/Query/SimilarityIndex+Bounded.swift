import CLinearAlgebra

/// The first `width` coordinates of every document vector, contiguous, and the length of the
/// rest: a third of the bytes of the full vectors, for bounding cosines cheaply.
struct LeadingDimensions: Sendable {
    let width: Int
    let head: [Float]
    let tailNorms: [Float]

    init(model: LSAModel, width: Int) {
        let n = model.documentCount, d = model.dimensions
        self.width = width
        var head = [Float](repeating: 0, count: n * width)
        var tailNorms = [Float](repeating: 0, count: n)
        let vectors = model.documentVectors.buffer
        for row in 0..<n {
            let base = row * d
            for j in 0..<width { head[row * width + j] = vectors[base + j] }
            var tail: Float = 0
            for j in width..<d { tail += vectors[base + j] * vectors[base + j] }
            tailNorms[row] = tail.squareRoot()
        }
        self.head = head
        self.tailNorms = tailNorms
    }
}

extension SimilarityIndex {
    /// Exact top-k without reading every full vector.
    ///
    /// A search reads all document vectors: 80 MB per query at 100,000 articles, which is
    /// what its time was spent on. The leading dimensions carry most of each vector (the
    /// latent dimensions come in decreasing order of weight), so their cosine plus the
    /// Cauchy-Schwarz bound |d_tail|·|q_tail| is an upper bound on the full cosine that reads
    /// a third of the bytes. Full cosines are then computed only where the bound can still
    /// reach the k-th best full cosine found so far: on the 100,000-article benchmark a dozen
    /// documents per query (median). The answer is the brute-force answer; a bound that
    /// admits everything (very restrictive filters) just costs a full scan.
    func nearest(to vector: [Float], k: Int, allowed: ((Int) -> Bool)?, leading: LeadingDimensions) -> [TopK.Entry] {
        let n = model.documentCount, d = model.dimensions, width = leading.width
        var bounds = [Float](repeating: 0, count: n)
        var queryTail: Float = 0
        for j in width..<d { queryTail += vector[j] * vector[j] }
        queryTail = queryTail.squareRoot()
        leading.head.withUnsafeBufferPointer { head in
            vector.withUnsafeBufferPointer { query in
                bounds.withUnsafeMutableBufferPointer { out in
                    cblas_sgemv(ZhutiCblasRowMajor, ZhutiCblasNoTrans, Int32(n), Int32(width), 1,
                                head.baseAddress, Int32(width), query.baseAddress, 1, 0, out.baseAddress, 1)
                    for row in 0..<n { out[row] += leading.tailNorms[row] * queryTail }
                }
            }
        }
        let tieBreak = self.tieBreak
        // Float rounding in the bound's products and norms, with room to spare.
        let margin: Float = 1e-4
        var top = TopK(capacity: k)
        var checked = [Bool](repeating: false, count: n)
        bounds.withUnsafeMutableBufferPointer { bounds in
            // The most promising bounds first, so the k-th best is high before the scan.
            var promising = TopK(capacity: 4 * k)
            for row in 0..<n where bounds[row] >= promising.threshold {
                if let allowed, !allowed(row) { continue }
                promising.consider(row, bounds[row])
            }
            for entry in promising.entries {
                top.consider(entry.index, cosine(vector, entry.index), tieBreak: tieBreak)
                checked[entry.index] = true
            }
            for row in 0..<n where bounds[row] + margin >= top.threshold && !checked[row] {
                if let allowed, !allowed(row) { continue }
                top.consider(row, cosine(vector, row), tieBreak: tieBreak)
            }
        }
        return top.entries
    }
}
