import CLinearAlgebra

/// Approximate neighbours for archives too large for an exact all-pairs search (IVF): the
/// document vectors are split into cells by spherical k-means, every document is filed in the
/// cell of its nearest centroid, and a query is compared only with the documents of its
/// `probes` nearest cells. A cluster shuffles documents to their cells, searches each cell
/// where its documents are (`search`) and merges each query's lists (`merge`); scores are the
/// canonical scores of the exact search and ties go to the smaller id, so a neighbour found
/// is ranked as the exact search ranks it - only a neighbour in an unprobed cell is missed
/// (recall@10 is measured against the exact search in scripts/bench-spark). It lives with the
/// themes because its cells are spherical k-means clusters (`SphericalKMeans`), which the
/// search folder below must not depend on.
public enum InvertedCells {
    /// Centroids (cells x dimensions, unit rows) trained on a seeded sample of at most
    /// `sampleLimit` document vectors: spherical k-means, one restart (the cells need to
    /// cover the space, not to be the best clustering).
    public static func train(model: LSAModel, cells: Int, seed: UInt64, sampleLimit: Int = 50_000) throws -> [Float] {
        let n = model.documentCount, d = model.dimensions
        guard cells >= 1, cells <= n else {
            throw ZhutiError(.badOption, "--cells \(cells) must be between 1 and the \(n) articles")
        }
        var rng = SplitMix64.stream(seed: seed, index: 0x1F)
        let rows = SphericalKMeans.sampleIndices(n: n, count: min(n, max(sampleLimit, cells)), rng: &rng)
        let sample = SphericalKMeans.gather(Array(model.documentVectors.buffer), rows: rows, dims: d)
        return try SphericalKMeans(k: cells, restarts: 1, seed: seed, maxIterations: 20).fit(vectors: sample, dims: d).centroids
    }

    /// For the documents in `rows`: the cell each is filed in (its own vector's nearest
    /// centroid) and the `probes` cells its query searches (its query vector's nearest, best
    /// first; the query expanded as `related` expands it).
    public static func cells(model: LSAModel, rows: Range<Int>, centroids: [Float], probes: Int,
                             expansion: QueryExpansion?) -> (home: [Int32], probed: [[Int32]]) {
        let d = model.dimensions, cells = centroids.count / max(d, 1)
        let index = SimilarityIndex(model: model)
        var home: [Int32] = [], probed: [[Int32]] = []
        for row in rows {
            let plain = model.documentVector(row)
            let query = expansion.map { index.expanded(plain, expansion: $0, excluding: row) } ?? plain
            home.append(Int32(nearestCells(plain, centroids: centroids, cells: cells, count: 1)[0]))
            probed.append(nearestCells(query, centroids: centroids, cells: cells, count: probes).map(Int32.init))
        }
        return (home, probed)
    }

    /// The `count` centroids with the highest dot product (ties: lower cell).
    static func nearestCells(_ vector: [Float], centroids: [Float], cells: Int, count: Int) -> [Int] {
        let d = vector.count
        var scores = [Float](repeating: 0, count: cells)
        centroids.withUnsafeBufferPointer { c in
            vector.withUnsafeBufferPointer { v in
                scores.withUnsafeMutableBufferPointer { s in
                    cblas_sgemv(ZhutiCblasRowMajor, ZhutiCblasNoTrans, Int32(cells), Int32(d), 1, c.baseAddress, Int32(d),
                                v.baseAddress, 1, 0, s.baseAddress, 1)
                }
            }
        }
        var top = TopK(capacity: min(count, cells))
        for cell in 0..<cells { top.consider(cell, scores[cell]) }
        return top.entries.map(\.index)
    }

    /// Each query's `k` best among `candidates` (document rows of one cell), never itself:
    /// BLAS nominates, the canonical score ranks, ties by id - as the exact search does.
    public static func search(model: LSAModel, queries: [Int], candidates: [Int], k: Int,
                              expansion: QueryExpansion?) -> [[TopK.Entry]] {
        let d = model.dimensions
        let index = SimilarityIndex(model: model)
        let ids = model.documentIDs
        let tieBreak: (Int, Int) -> Bool = { ids[$0] < ids[$1] }
        let documents = model.documentVectors.buffer
        var candidateVectors = [Float](repeating: 0, count: candidates.count * d)
        for (slot, row) in candidates.enumerated() {
            for j in 0..<d { candidateVectors[slot * d + j] = documents[row * d + j] }
        }
        // The queries (expanded as `related` expands them) against the cell, tile by tile of
        // queries with sgemm: scores of one tile at a time, never queries x candidates whole.
        let tile = 512
        var results: [[TopK.Entry]] = []
        results.reserveCapacity(queries.count)
        var scores = [Float](repeating: 0, count: tile * max(candidates.count, 1))
        for start in stride(from: 0, to: queries.count, by: tile) {
            let block = Array(queries[start..<min(start + tile, queries.count)])
            var vectors = [Float](repeating: 0, count: block.count * d)
            for (slot, query) in block.enumerated() {
                let plain = model.documentVector(query)
                let vector = expansion.map { index.expanded(plain, expansion: $0, excluding: query) } ?? plain
                for j in 0..<d { vectors[slot * d + j] = vector[j] }
            }
            if !candidates.isEmpty {
                candidateVectors.withUnsafeBufferPointer { c in
                    vectors.withUnsafeBufferPointer { q in
                        scores.withUnsafeMutableBufferPointer { s in
                            cblas_sgemm(ZhutiCblasRowMajor, ZhutiCblasNoTrans, ZhutiCblasTrans, Int32(block.count),
                                        Int32(candidates.count), Int32(d), 1, q.baseAddress, Int32(d), c.baseAddress, Int32(d),
                                        0, s.baseAddress, Int32(candidates.count))
                        }
                    }
                }
            }
            for (slot, query) in block.enumerated() {
                var nominees = TopK(capacity: k, slack: index.nominationSlack)
                let line = slot * candidates.count
                for (column, row) in candidates.enumerated() where row != query && scores[line + column] >= nominees.threshold {
                    nominees.consider(row, scores[line + column], tieBreak: tieBreak)
                }
                results.append(vectors.withUnsafeBufferPointer { index.rescored(nominees.entries, k: k, query: $0.baseAddress! + slot * d) })
            }
        }
        return results
    }

    /// One query's lists from the cells it probed, merged into its `k` best (canonical scores
    /// carried, ties by id; a document listed from two cells counts once).
    public static func merge(_ lists: [[TopK.Entry]], k: Int, ids: [String]) -> [TopK.Entry] {
        var top = TopK(capacity: k)
        var seen = Set<Int>()
        for entry in lists.joined() where seen.insert(entry.index).inserted {
            top.consider(entry.index, entry.score) { ids[$0] < ids[$1] }
        }
        return top.entries
    }
}
