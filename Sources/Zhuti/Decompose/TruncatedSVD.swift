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
            throw ZhutiError(.badOption, "--dims \(rank) must be at least 1")
        }
        if rank > rows {
            throw ZhutiError(.badOption, "--dims \(rank) is more than the \(rows) documents in the corpus; use at most --dims \(Swift.min(rows, columns))")
        }
        if rank > columns {
            throw ZhutiError(.badOption, "--dims \(rank) is more than the \(columns) terms in the vocabulary; use at most --dims \(Swift.min(rows, columns))")
        }
    }
}

extension RandomizedSVD.Factors {
    /// The same rule as `TruncatedSVD.normalizeSigns`, on the factors' layouts: the term side's
    /// largest-magnitude entry (lowest index on a tie) is made positive.
    mutating func normalizeSigns() {
        let rank = singularValues.count
        let largeRows = large.buffer.count / Swift.max(rank, 1), smallRows = small.rows
        let largeValues = large.mutableBaseAddress
        for j in 0 ..< rank {
            var bestMagnitude: Float = -1
            var bestValue: Float = 0
            let termRows = documentsAreSmall ? largeRows : smallRows
            for i in 0 ..< termRows {
                let value = documentsAreSmall ? largeValues[i * rank + j] : small.values[i + j * smallRows]
                if abs(value) > bestMagnitude {
                    bestMagnitude = abs(value)
                    bestValue = value
                }
            }
            guard termRows > 0, bestValue < 0 else { continue }
            for i in 0 ..< largeRows { largeValues[i * rank + j] = -largeValues[i * rank + j] }
            for i in 0 ..< smallRows { small.values[i + j * smallRows] = -small.values[i + j * smallRows] }
        }
    }
}
