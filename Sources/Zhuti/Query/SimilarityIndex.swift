import CLinearAlgebra

/// Exact cosine search over a model's unit document vectors.
///
/// Brute force with BLAS: one `sgemv` per query, `sgemm` over blocks of queries for the
/// all-pairs table. Below millions of articles this is fast enough and never misses a
/// neighbour, which an approximate index would. BLAS only nominates candidates; their final
/// scores come from one fixed-order routine and ties go to the smaller article id, so every
/// path gives the same ranking on every machine (`SimilarityIndex+CanonicalScore`).
public struct SimilarityIndex: Sendable {
    public let model: LSAModel
    /// Built on the first single query of a large archive (see `nearest`).
    private let leading: LazyValue<LeadingDimensions>

    public init(model: LSAModel) {
        self.model = model
        self.leading = LazyValue { LeadingDimensions(model: model, width: Self.leadingWidth) }
    }

    /// Archives from this size on answer single queries through the leading dimensions.
    static let boundedSearchMinimum = 20_000
    static let leadingWidth = 64

    var tieBreak: (Int, Int) -> Bool {
        let ids = model.documentIDs
        return { ids[$0] < ids[$1] }
    }

    /// The `k` documents most similar to a unit `vector`; `allowed` filters candidates.
    public func nearest(to vector: [Float], k: Int, allowed: ((Int) -> Bool)? = nil) -> [TopK.Entry] {
        let n = model.documentCount
        guard n > 0, vector.count == model.dimensions else { return [] }
        if n >= Self.boundedSearchMinimum, model.dimensions >= 2 * Self.leadingWidth, let leading = try? leading.get() {
            return nearest(to: vector, k: k, allowed: allowed, leading: leading)
        }
        let scores = scores(to: vector)
        var nominees = TopK(capacity: k, slack: nominationSlack)
        let tieBreak = tieBreak
        scores.withUnsafeBufferPointer { scores in
            for index in 0..<n where scores[index] >= nominees.threshold {
                if let allowed, !allowed(index) { continue }
                nominees.consider(index, scores[index], tieBreak: tieBreak)
            }
        }
        return vector.withUnsafeBufferPointer { rescored(nominees.entries, k: k, query: $0.baseAddress!) }
    }

    /// Every document's `k` nearest other documents, in document order. `allowed(query, candidate)`
    /// filters candidates; a document is never its own neighbour.
    ///
    /// The score matrix D·Dᵀ is symmetric, so only its tiles on and above the diagonal are
    /// computed (half the `sgemm` work of the full table): each off-diagonal tile's score
    /// s(i, j) is offered to i's list and to j's. A tile is scanned right after its `sgemm`,
    /// while it is in cache. The cores take tiles in turn, each keeping its own lists
    /// (merged at the end: the k best of each core's k best are the k best), so results do
    /// not depend on which core took which tile. `progress` is called (from a worker) with
    /// an estimate of the documents done.
    public func nearestForAll(k: Int, allowed: (@Sendable (Int, Int) -> Bool)? = nil,
                              progress: ((Int) -> Void)? = nil) -> [[TopK.Entry]] {
        nearestForAll(queries: nil, k: k, allowed: allowed, progress: progress)
    }

    /// The lists `nearestForAll` gives the documents in `rows`, searched for those rows only:
    /// one partition's share when a cluster splits the all-pairs search by rows.
    public func nearestForAll(rows: Range<Int>, k: Int) -> [[TopK.Entry]] {
        nearestForAll(queries: nil, rows: rows, k: k)
    }

    /// For every document i in `rows` (all when nil), the `k` documents j ≠ i with the highest
    /// `queries[i]`·D[j]: `queries` holds one unit vector per document of `rows` (row-major),
    /// such as expanded queries. Scores are not symmetric then, so every tile of Q·Dᵀ is
    /// computed and only rows take offers; otherwise as above (`queries` nil: the documents'
    /// own vectors). A range of rows is one partition's share of the all-pairs search: its
    /// lists are those the whole search gives the same rows. `tileSize` is there for tests,
    /// to cross tile boundaries on small models.
    func nearestForAll(queries: UnsafeBufferPointer<Float>?, rows: Range<Int>? = nil, k: Int,
                       allowed: (@Sendable (Int, Int) -> Bool)? = nil,
                       tileSize: Int = Self.tileSize, progress: ((Int) -> Void)? = nil) -> [[TopK.Entry]] {
        let n = model.documentCount, d = model.dimensions
        let range = rows ?? 0..<n
        precondition(range.lowerBound >= 0 && range.upperBound <= n, "query rows must be documents")
        guard n > 0, !range.isEmpty else { return [] }
        let m = range.count, first = range.lowerBound
        precondition(queries == nil || queries!.count == m * d, "one query vector per document")
        // Only the whole table is symmetric; a share of it is a block of rows.
        let symmetric = queries == nil && m == n
        let tile = min(n, max(1, tileSize))
        let rowBlocks = (m + tile - 1) / tile, columnBlocks = (n + tile - 1) / tile
        var tiles: [(row: Int, column: Int)] = []
        for row in 0..<rowBlocks { for column in (symmetric ? row : 0)..<columnBlocks { tiles.append((row, column)) } }
        let parts = min(Parallel.coreCount, tiles.count)
        let documents = model.documentVectors.buffer
        let queryRows = queries ?? UnsafeBufferPointer(rebasing: documents[(first * d)..<((first + m) * d)])
        let tieBreak = tieBreak, slack = nominationSlack
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: parts * tile * tile)
        defer { scores.deallocate() }
        nonisolated(unsafe) let scoreBuffers = scores
        let perCore: [[TopK]] = BLASThreads.singleThreaded {
            Parallel.map(0..<parts) { part -> [TopK] in
                // Lists and thresholds are indexed by query row within `range` (all rows when
                // symmetric, where the local and global numbers agree).
                var lists = [TopK](repeating: TopK(capacity: k, slack: slack), count: m)
                // Each list's entry score, beside the lists so the scan reads them as a vector.
                let thresholds = UnsafeMutablePointer<Float>.allocate(capacity: m)
                thresholds.initialize(repeating: -.infinity, count: m)
                defer { thresholds.deallocate() }
                let buffer = scoreBuffers + part * tile * tile
                func offer(_ query: Int, _ candidate: Int, _ score: Float) {
                    if let allowed, !allowed(first + query, candidate) { return }
                    lists[query].consider(candidate, score, tieBreak: tieBreak)
                    thresholds[query] = lists[query].threshold
                }
                for (done, index) in stride(from: part, to: tiles.count, by: parts).enumerated() {
                    let rowStart = tiles[index].row * tile, columnStart = tiles[index].column * tile
                    let rows = min(tile, m - rowStart), columns = min(tile, n - columnStart)
                    // S (rows x columns) = D[rowStart...] (rows x d) * D[columnStart...]^T, row-major.
                    cblas_sgemm(ZhutiCblasRowMajor, ZhutiCblasNoTrans, ZhutiCblasTrans, Int32(rows), Int32(columns), Int32(d), 1,
                                queryRows.baseAddress! + rowStart * d, Int32(d), documents.baseAddress! + columnStart * d, Int32(d),
                                0, buffer, Int32(columns))
                    // On a diagonal tile of D·Dᵀ both orders of a pair are in the tile already,
                    // and Q·Dᵀ has no mirror image: only rows take offers there.
                    let diagonal = !symmetric || rowStart == columnStart
                    for r in 0..<rows {
                        let query = rowStart + r
                        let line = buffer + r * columns
                        let columnThresholds = thresholds + columnStart
                        var c = 0
                        // Blocks of 16 scores tested without branches first (the compiler
                        // vectorises the test): after the first tiles almost no score gets
                        // into any list, so most blocks are skipped whole.
                        while c + 16 <= columns {
                            let rowThreshold = thresholds[query]
                            var hits: UInt32 = 0
                            if diagonal {
                                for lane in c..<(c + 16) { hits |= line[lane] >= rowThreshold ? 1 : 0 }
                            } else {
                                for lane in c..<(c + 16) {
                                    hits |= (line[lane] >= rowThreshold ? 1 : 0) | (line[lane] >= columnThresholds[lane] ? 1 : 0)
                                }
                            }
                            if hits != 0 {
                                for lane in c..<(c + 16) {
                                    let score = line[lane], candidate = columnStart + lane
                                    if score >= thresholds[query] && candidate != first + query { offer(query, candidate, score) }
                                    if !diagonal && score >= thresholds[candidate] { offer(candidate, query, score) }
                                }
                            }
                            c += 16
                        }
                        for lane in c..<columns {
                            let score = line[lane], candidate = columnStart + lane
                            if score >= thresholds[query] && candidate != first + query { offer(query, candidate, score) }
                            if !diagonal && score >= thresholds[candidate] { offer(candidate, query, score) }
                        }
                    }
                    if part == 0, let progress { progress(min(m, m * (done + 1) * parts / tiles.count)) }
                }
                return lists
            }
        }
        progress?(m)
        // The nominees of every core's lists (each holds all its candidates within the slack
        // of its own k-th best, so together they hold all within the slack of the overall
        // k-th best), scored canonically.
        return Parallel.map(0..<m) { document in
            var merged = TopK(capacity: k, slack: slack)
            for lists in perCore {
                for entry in lists[document].entries { merged.consider(entry.index, entry.score, tieBreak: tieBreak) }
            }
            return rescored(merged.entries, k: k, query: queryRows.baseAddress! + document * d)
        }
    }

    /// Tiles of the score matrix are this many documents square: 4 MB of scores, and
    /// `sgemm` calls large enough to run near the machine's peak.
    static let tileSize = 1024
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
