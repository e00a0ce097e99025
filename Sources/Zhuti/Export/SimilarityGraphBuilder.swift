/// Turns per-article nearest-neighbour lists into the undirected edge set of a similarity graph.
public enum SimilarityGraphBuilder {
    /// Builds the edges of the graph.
    ///
    /// - `neighbors[i]` lists `(index, cosine)` pairs for article `i`, best first.
    /// - `.knn(k)` keeps the first `k` entries of each list; `.threshold(t)` keeps every entry
    ///   with cosine >= `t` (the whole list is scanned, so its order does not matter).
    /// - Without `mutual` a pair becomes an edge when either side kept the other; with `mutual`
    ///   both sides must have kept each other.
    /// - Self-references, indices outside `neighbors`, and non-finite scores are ignored (and do
    ///   not count towards `k`).
    ///   A pair seen twice ((i,j) and (j,i), or repeated in one list) becomes one edge with the
    ///   larger weight. Edges come back sorted by (source, target) with source < target.
    /// - `isDuplicate(source, target, weight)` sets each kept edge's `duplicate` flag.
    ///
    /// Cost is O(m log m) for the m kept list entries: no all-pairs step.
    public static func edges(neighbors: [[(index: Int, score: Float)]], mode: GraphEdgeMode, mutual: Bool,
                             isDuplicate: (Int, Int, Float) -> Bool) -> [GraphEdge] {
        let n = neighbors.count
        // Only entries below 2^32 can be packed; no archive comes near that many articles.
        guard n > 0, n <= Int(UInt32.max) else { return [] }

        // Each kept list entry becomes a packed (low, high) key plus which side proposed it,
        // so one sort groups both directions of a pair together.
        var entries: [Candidate] = []
        let perList: Int
        switch mode {
        case .knn(let k): perList = max(0, k)
        case .threshold: perList = Int.max
        }
        if case .knn = mode {
            entries.reserveCapacity(n.multipliedReportingOverflow(by: min(perList, 64)).partialValue)
        }
        for i in 0..<n {
            var taken = 0
            for entry in neighbors[i] {
                if taken >= perList { break }
                let j = entry.index
                let score = entry.score
                // Skipped entries do not use up a k-slot, so a list that (against its contract)
                // holds i itself still yields k real neighbours.
                guard j != i, j >= 0, j < n, score.isFinite else { continue }
                if case .threshold(let t) = mode, !(score >= t) { continue }
                taken += 1
                let low = min(i, j), high = max(i, j)
                let key = UInt64(low) << 32 | UInt64(high)
                entries.append(Candidate(key: key, score: score, side: i == low ? 1 : 2))
            }
        }
        entries.sort { $0.key < $1.key }

        var result: [GraphEdge] = []
        result.reserveCapacity(mutual ? entries.count / 2 : entries.count)
        var start = 0
        while start < entries.count {
            let key = entries[start].key
            var best = entries[start].score
            var sides = entries[start].side
            var end = start + 1
            while end < entries.count, entries[end].key == key {
                best = max(best, entries[end].score)
                sides |= entries[end].side
                end += 1
            }
            if !mutual || sides == 3 {
                let source = Int(key >> 32), target = Int(key & 0xFFFF_FFFF)
                result.append(GraphEdge(source: source, target: target, weight: best,
                                        duplicate: isDuplicate(source, target, best)))
            }
            start = end
        }
        return result
    }

    private struct Candidate {
        var key: UInt64
        var score: Float
        /// 1 when the lower index proposed the pair, 2 when the higher one did.
        var side: UInt8
    }
}
