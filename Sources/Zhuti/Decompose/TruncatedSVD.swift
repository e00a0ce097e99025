/// The leading `rank` singular triplets of a documents x terms matrix: A ≈ U · diag(s) · Vᵀ.
public struct TruncatedSVD: Sendable, Equatable {
    /// Descending.
    public var singularValues: [Float]
    /// rows x rank, orthonormal columns (document side).
    public var u: DenseMatrix
    /// columns x rank, orthonormal columns (term side).
    public var v: DenseMatrix

    public init(singularValues: [Float], u: DenseMatrix, v: DenseMatrix) {
        self.singularValues = singularValues
        self.u = u
        self.v = v
    }

    public var rank: Int { singularValues.count }

    /// Fixes each component's sign, which an SVD leaves free: the entry of largest magnitude in
    /// its v column (the lowest index on a tie) is made positive, and u's column flips with it.
    /// Both the exact and the randomized paths end here, so their components agree in sign.
    mutating func normalizeSigns() {
        let n = v.rows, m = u.rows
        for j in 0 ..< rank {
            var best = 0
            var bestMagnitude: Float = -1
            for i in 0 ..< n {
                let magnitude = abs(v.values[i + j * n])
                if magnitude > bestMagnitude {
                    best = i
                    bestMagnitude = magnitude
                }
            }
            guard n > 0, v.values[best + j * n] < 0 else { continue }
            for i in 0 ..< n { v.values[i + j * n] = -v.values[i + j * n] }
            for i in 0 ..< m { u.values[i + j * m] = -u.values[i + j * m] }
        }
    }

    /// The checks both paths make on the requested rank before any work.
    static func validate(rank: Int, rows: Int, columns: Int) throws {
        guard rank > 0 else {
            throw ZhutiError(.badOption, "\(ZhutiError.Parameter.dims) \(rank) must be at least 1")
        }
        if rank > rows {
            throw ZhutiError(.badOption, "\(ZhutiError.Parameter.dims) \(rank) is more than the \(rows) documents in the corpus; use at most \(ZhutiError.Parameter.dims) \(Swift.min(rows, columns))")
        }
        if rank > columns {
            throw ZhutiError(.badOption, "\(ZhutiError.Parameter.dims) \(rank) is more than the \(columns) terms in the vocabulary; use at most \(ZhutiError.Parameter.dims) \(Swift.min(rows, columns))")
        }
    }
}

extension RandomizedSVD.Factors {
    /// The same rule as `TruncatedSVD.normalizeSigns`, on the factors' layouts: the term side's
    /// largest-magnitude entry (lowest index on a tie) is made positive. The row-major large
    /// side is read in one pass (all columns' maxima at once), not one strided pass per column.
    mutating func normalizeSigns() {
        let rank = singularValues.count
        guard rank > 0 else { return }
        let largeRows = large.buffer.count / rank, smallRows = small.rows
        let largeValues = large.mutableBaseAddress
        var bestMagnitude = [Float](repeating: -1, count: rank)
        var bestValue = [Float](repeating: 0, count: rank)
        if documentsAreSmall {
            for i in 0 ..< largeRows {
                let row = largeValues + i * rank
                for j in 0 ..< rank where abs(row[j]) > bestMagnitude[j] {
                    bestMagnitude[j] = abs(row[j])
                    bestValue[j] = row[j]
                }
            }
        } else {
            for j in 0 ..< rank {
                for i in 0 ..< smallRows where abs(small.values[i + j * smallRows]) > bestMagnitude[j] {
                    bestMagnitude[j] = abs(small.values[i + j * smallRows])
                    bestValue[j] = small.values[i + j * smallRows]
                }
            }
        }
        let flip = bestValue.map { $0 < 0 }
        guard flip.contains(true) else { return }
        for i in 0 ..< largeRows {
            let row = largeValues + i * rank
            for j in 0 ..< rank where flip[j] { row[j] = -row[j] }
        }
        for j in 0 ..< rank where flip[j] {
            for i in 0 ..< smallRows { small.values[i + j * smallRows] = -small.values[i + j * smallRows] }
        }
    }
}
