import CLinearAlgebra

/// Each document's nearest other documents, `width` per document, best first (canonical cosine
/// of the stored vectors, ties by id); -1 pads a list when the model has too few documents.
public struct NeighbourLists: Sendable, Equatable {
    public let width: Int
    /// documents x width, row-major.
    public let indices: [Int32]

    public init(width: Int, indices: [Int32]) {
        self.width = width
        self.indices = indices
    }

    /// Document `row`'s first `count` neighbours (at most `width`).
    public func neighbours(of row: Int, count: Int) -> [Int] {
        let base = row * width
        return (0..<min(count, width)).compactMap { indices[base + $0] >= 0 ? Int(indices[base + $0]) : nil }
    }
}

/// Why the model keeps them: query expansion (`QueryExpansion`) moves a query towards its
/// nearest documents. Searched per query, that doubles the search of every stored article's
/// query; kept in the model (12 bytes per document), a stored article's query is one search
/// and `related --all` skips an all-pairs pass. They are found once at build (one all-pairs
/// pass) and extended when articles are folded in (new x all scores only).
extension LSAModel {
    /// How many neighbours are kept: those of the default expansion.
    public static let keptNeighbours = QueryExpansion.standard.neighbours

    /// This model with every document's neighbour lists found by one all-pairs search.
    func withNeighbourLists(width: Int = keptNeighbours) -> LSAModel {
        let lists = SimilarityIndex(model: self).nearestForAll(k: width)
        var indices = [Int32](repeating: -1, count: documentCount * width)
        for (row, list) in lists.enumerated() { Self.store(list, row: row, width: width, in: &indices) }
        return with(NeighbourLists(width: width, indices: indices))
    }

    /// This model, whose first documents are those of the model `old` lists were kept for
    /// and the rest newly appended, with lists for all: each old list merged with the new
    /// documents' scores (one `sgemm`, old x new), each new document's found by a search.
    func withNeighbourLists(extending old: NeighbourLists) -> LSAModel {
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
        // scores[i * added + j] = D[i] · D[oldCount + j]
        var scores = [Float](repeating: 0, count: oldCount * added)
        if oldCount > 0 {
            scores.withUnsafeMutableBufferPointer { out in
                cblas_sgemm(ZhutiCblasRowMajor, ZhutiCblasNoTrans, ZhutiCblasTrans, Int32(oldCount), Int32(added), Int32(d), 1,
                            vectors, Int32(d), vectors + oldCount * d, Int32(d), 0, out.baseAddress, Int32(added))
            }
        }
        // The old list and the new documents' BLAS scores nominate; the canonical score ranks
        // (as every search does: `SimilarityIndex+CanonicalScore`).
        let slack = plain.nominationSlack
        for row in 0..<oldCount {
            var nominees = TopK(capacity: width, slack: slack)
            for neighbour in old.neighbours(of: row, count: width) {
                nominees.consider(neighbour, plain.cosine(row, neighbour), tieBreak: tieBreak)
            }
            for j in 0..<added { nominees.consider(oldCount + j, scores[row * added + j], tieBreak: tieBreak) }
            Self.store(plain.rescored(nominees.entries, k: width, query: vectors + row * d), row: row, width: width, in: &indices)
        }
        for row in oldCount..<n {
            Self.store(plain.nearest(to: documentVector(row), k: width, allowed: { $0 != row }), row: row, width: width, in: &indices)
        }
        return with(NeighbourLists(width: width, indices: indices))
    }

    /// Row `row` of the lists: `list`'s documents, best first (the rest of the row stays -1).
    private static func store(_ list: [TopK.Entry], row: Int, width: Int, in indices: inout [Int32]) {
        for (slot, entry) in list.prefix(width).enumerated() { indices[row * width + slot] = Int32(entry.index) }
    }

    func with(_ lists: NeighbourLists?) -> LSAModel {
        LSAModel(info: info, vectorizer: vectorizer, singularValues: singularValues, termVectors: termVectors,
                 documentIDs: documentIDs, documentVectors: documentVectors, neighbourLists: lists)
    }
}
