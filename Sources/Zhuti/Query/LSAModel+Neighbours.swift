import CLinearAlgebra

/// Why a model keeps `NeighbourLists`: query expansion (`QueryExpansion`) moves a query towards its
/// nearest documents. Searched per query, that doubles the search of every stored article's
/// query; kept in the model (12 bytes per document), a stored article's query is one search
/// and `related --all` skips an all-pairs pass. They are found once at build (one all-pairs
/// pass) and extended when articles are folded in (new x all scores only).
extension LSAModel {
    /// How many neighbours are kept: those of the default expansion.
    public static let keptNeighbours = QueryExpansion.standard.neighbours

    /// This model with every document's neighbour lists found by one all-pairs search.
    func withNeighbourLists(width: Int = keptNeighbours) -> LSAModel {
        with(NeighbourLists(width: width, indices: neighbourListRows(0..<documentCount, width: width)))
    }

    /// This model, whose first documents are those of the model `old` lists were kept for
    /// and the rest newly appended, with lists for all: each old list merged with the new
    /// documents' scores, each new document's found by a search.
    ///
    /// The old x new scores are computed tile by tile (`extensionTile` old documents by as
    /// many new ones, 16 MB of scores), never as one old x new matrix: folding 50,000 articles
    /// into a 100,000-article model would need 20 GB for that matrix. Memory is the tile plus
    /// each old document's short list of nominees.
    func withNeighbourLists(extending old: NeighbourLists, tile: Int = extensionTile) -> LSAModel {
        let width = old.width
        let n = documentCount, d = dimensions
        let oldCount = old.indices.count / width
        guard oldCount < n else { return with(old) }
        let added = n - oldCount
        let plain = SimilarityIndex(model: self)
        let ids = documentIDs
        let tieBreak: (Int, Int) -> Bool = { ids[$0] < ids[$1] }
        var indices = old.indices + [Int32](repeating: -1, count: added * width)
        let vectors = documentVectors.buffer.baseAddress!
        // The old list and the new documents' BLAS scores nominate; the canonical score ranks
        // (as every search does: `SimilarityIndex+CanonicalScore`).
        let slack = plain.nominationSlack
        var nominees = (0..<oldCount).map { row in
            var top = TopK(capacity: width, slack: slack)
            for neighbour in old.neighbours(of: row, count: width) {
                top.consider(neighbour, plain.cosine(row, neighbour), tieBreak: tieBreak)
            }
            return top
        }
        let tile = max(1, tile)
        var scores = [Float](repeating: 0, count: tile * tile)
        scores.withUnsafeMutableBufferPointer { out in
            for columnStart in stride(from: 0, to: added, by: tile) {
                let columns = min(tile, added - columnStart)
                for rowStart in stride(from: 0, to: oldCount, by: tile) {
                    let rows = min(tile, oldCount - rowStart)
                    // out[r * columns + c] = D[rowStart + r] · D[oldCount + columnStart + c]
                    cblas_sgemm(ZhutiCblasRowMajor, ZhutiCblasNoTrans, ZhutiCblasTrans, Int32(rows), Int32(columns), Int32(d), 1,
                                vectors + rowStart * d, Int32(d), vectors + (oldCount + columnStart) * d, Int32(d),
                                0, out.baseAddress, Int32(columns))
                    for r in 0..<rows {
                        let row = rowStart + r
                        for c in 0..<columns where out[r * columns + c] >= nominees[row].threshold {
                            nominees[row].consider(oldCount + columnStart + c, out[r * columns + c], tieBreak: tieBreak)
                        }
                    }
                }
            }
        }
        for row in 0..<oldCount {
            Self.store(plain.rescored(nominees[row].entries, k: width, query: vectors + row * d), row: row, width: width, in: &indices)
        }
        for row in oldCount..<n {
            Self.store(plain.nearest(to: documentVector(row), k: width, allowed: { $0 != row }), row: row, width: width, in: &indices)
        }
        return with(NeighbourLists(width: width, indices: indices))
    }

    /// Old and new documents per tile when lists are extended: 2,048 x 2,048 scores, 16 MB.
    static let extensionTile = 2048

    /// Row `row` of the lists: `list`'s documents, best first (the rest of the row stays -1).
    private static func store(_ list: [TopK.Entry], row: Int, width: Int, in indices: inout [Int32]) {
        for (slot, entry) in list.prefix(width).enumerated() { indices[row * width + slot] = Int32(entry.index) }
    }

    /// The rows of the lists `withNeighbourLists` keeps, for the documents in `rows` only
    /// (rows.count x width, -1 padded): one partition's share when a cluster finds them.
    public func neighbourListRows(_ rows: Range<Int>, width: Int = keptNeighbours) -> [Int32] {
        var indices = [Int32](repeating: -1, count: rows.count * width)
        for (row, list) in SimilarityIndex(model: self).nearestForAll(rows: rows, k: width).enumerated() {
            Self.store(list, row: row, width: width, in: &indices)
        }
        return indices
    }

    /// This model with `lists`, or with no lists.
    public func with(_ lists: NeighbourLists?) -> LSAModel {
        LSAModel(info: info, vectorizer: vectorizer, singularValues: singularValues, termVectors: termVectors,
                 documentIDs: documentIDs, documentVectors: documentVectors, neighbourLists: lists)
    }
}
