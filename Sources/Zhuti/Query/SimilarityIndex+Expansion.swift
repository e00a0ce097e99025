/// Ranking with query expansion (see `QueryExpansion`): the search related articles use.
extension SimilarityIndex {
    /// `vector` moved towards its `expansion.neighbours` nearest documents, never `own` (the
    /// query's own document, when it is one). Neighbours are found without filters: they
    /// stand for what the query is about, whatever the results are then restricted to.
    /// A stored document's `vector` is its stored one: its kept neighbour lists answer
    /// without a search when they are long enough.
    public func expanded(_ vector: [Float], expansion: QueryExpansion, excluding own: Int?) -> [Float] {
        guard expansion.neighbours > 0, vector.count == model.dimensions else { return vector }
        let rows: [Int]
        if let own, let lists = model.neighbourLists, lists.width >= expansion.neighbours {
            rows = lists.neighbours(of: own, count: expansion.neighbours)
        } else {
            rows = nearest(to: vector, k: expansion.neighbours, allowed: own.map { own in { $0 != own } }).map(\.index)
        }
        var query = [Float](repeating: 0, count: vector.count)
        vector.withUnsafeBufferPointer { plain in
            query.withUnsafeMutableBufferPointer { out in
                expansion.expand(plain, rows: rows, documents: model.documentVectors.buffer, into: out)
            }
        }
        return query
    }

    /// The `k` best documents for a unit `vector`: by cosine with the expanded query, or
    /// with `vector` itself when `expansion` is nil. `own` (the query's document) is never
    /// returned; `allowed` filters the rest.
    public func ranked(to vector: [Float], k: Int, expansion: QueryExpansion?, excluding own: Int?,
                       allowed: ((Int) -> Bool)?) -> [TopK.Entry] {
        var admits = allowed
        if let own { admits = { candidate in candidate != own && (allowed?(candidate) ?? true) } }
        guard let expansion, expansion.neighbours > 0 else { return nearest(to: vector, k: k, allowed: admits) }
        return nearest(to: expanded(vector, expansion: expansion, excluding: own), k: k, allowed: admits)
    }

    /// `ranked` for every document at once (or for those in `rows`, one partition's share,
    /// ranked exactly as in the whole table), in document order: the all-pairs search of the
    /// documents' own vectors for their neighbours (unless the model keeps them), then of
    /// the expanded queries against every document. `progress` gets documents done,
    /// counting both passes as one.
    public func rankedForAll(k: Int, expansion: QueryExpansion?, rows: Range<Int>? = nil,
                             allowed: (@Sendable (Int, Int) -> Bool)? = nil,
                             progress: ((Int) -> Void)? = nil) -> [[TopK.Entry]] {
        guard let expansion, expansion.neighbours > 0 else {
            return nearestForAll(queries: nil, rows: rows, k: k, allowed: allowed, progress: progress)
        }
        let n = model.documentCount, d = model.dimensions
        let range = rows ?? 0..<n
        let m = range.count, first = range.lowerBound
        let neighbours: [[Int]]
        if let lists = model.neighbourLists, lists.width >= expansion.neighbours {
            neighbours = range.map { lists.neighbours(of: $0, count: expansion.neighbours) }
        } else {
            neighbours = nearestForAll(queries: nil, rows: range, k: expansion.neighbours, progress: { progress?($0 / 2) })
                .map { $0.map { $0.index } }
        }
        var queries = [Float](repeating: 0, count: m * d)
        let documents = model.documentVectors.buffer
        queries.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            let chunks = min(m, Parallel.coreCount * 8)
            Parallel.forEach(chunks) { chunk in
                for local in (m * chunk / chunks)..<(m * (chunk + 1) / chunks) {
                    let row = first + local
                    expansion.expand(UnsafeBufferPointer(rebasing: documents[(row * d)..<((row + 1) * d)]),
                                     rows: neighbours[local], documents: documents,
                                     into: UnsafeMutableBufferPointer(rebasing: out[(local * d)..<((local + 1) * d)]))
                }
            }
        }
        return queries.withUnsafeBufferPointer { queries in
            nearestForAll(queries: queries, rows: range, k: k, allowed: allowed, progress: { progress?(m / 2 + $0 / 2) })
        }
    }

    /// The plain cosine of documents `a` and `b` (the canonical score: the same on every machine).
    public func cosine(_ a: Int, _ b: Int) -> Float {
        let d = model.dimensions, vectors = model.documentVectors.buffer.baseAddress!
        return Self.canonicalDot(vectors + a * d, vectors + b * d, count: d)
    }

    /// The plain cosine of unit `vector` with document `row` (the canonical score).
    public func cosine(_ vector: [Float], _ row: Int) -> Float {
        let d = model.dimensions
        guard vector.count == d else { return 0 }
        return vector.withUnsafeBufferPointer { query in
            Self.canonicalDot(model.documentVectors.buffer.baseAddress! + row * d, query.baseAddress!, count: d)
        }
    }
}
