@testable import Zhuti

/// Deterministic matrices and naive references for the Decompose tests.
enum DecomposeFixtures {
    static func uniform(_ g: inout SplitMix64) -> Float {
        Float(Double(g.next() >> 11) * 0x1p-53)
    }

    /// CSR from a dense column-major matrix, skipping zeros.
    static func sparse(_ d: DenseMatrix) -> SparseMatrix {
        var starts = [0], cols: [Int32] = [], vals: [Float] = []
        for r in 0 ..< d.rows {
            for c in 0 ..< d.columns where d[r, c] != 0 {
                cols.append(Int32(c))
                vals.append(d[r, c])
            }
            starts.append(vals.count)
        }
        return SparseMatrix(rows: d.rows, columns: d.columns, rowStarts: starts, columnIndices: cols, values: vals)
    }

    static func dense(_ s: SparseMatrix) -> DenseMatrix {
        var d = DenseMatrix(zeros: s.rows, columns: s.columns)
        for r in 0 ..< s.rows {
            for p in s.rowStarts[r] ..< s.rowStarts[r + 1] { d[r, Int(s.columnIndices[p])] = s.values[p] }
        }
        return d
    }

    /// Random sparse matrix with the given density of nonzeros in (0.1, 1.1).
    static func random(rows: Int, columns: Int, density: Float, seed: UInt64) -> SparseMatrix {
        var g = SplitMix64(seed: seed)
        var d = DenseMatrix(zeros: rows, columns: columns)
        for c in 0 ..< columns {
            for r in 0 ..< rows where uniform(&g) < density { d[r, c] = 0.1 + uniform(&g) }
        }
        return sparse(d)
    }

    static func randomDense(rows: Int, columns: Int, seed: UInt64) -> DenseMatrix {
        var g = SplitMix64(seed: seed)
        return DenseMatrix(rows: rows, columns: columns, values: (0 ..< rows * columns).map { _ in uniform(&g) * 2 - 1 })
    }

    /// Documents drawn from `topics` disjoint blocks of terms (a planted low-rank structure, as
    /// in a corpus with a few subjects), some documents mixing in a second topic, plus sparse noise.
    static func planted(rows: Int, columns: Int, topics: Int, seed: UInt64) -> SparseMatrix {
        var g = SplitMix64(seed: seed)
        let termsPerTopic = columns / topics
        var termWeight = DenseMatrix(zeros: topics, columns: columns)
        for t in 0 ..< topics {
            for c in t * termsPerTopic ..< (t + 1) * termsPerTopic { termWeight[t, c] = 0.5 + uniform(&g) }
        }
        var d = DenseMatrix(zeros: rows, columns: columns)
        for r in 0 ..< rows {
            let main = r % topics
            let scale = 1 + 0.4 * Float(main)
            for c in 0 ..< columns { d[r, c] += scale * (0.8 + 0.4 * uniform(&g)) * termWeight[main, c] }
            if uniform(&g) < 0.3 {
                let second = (main + 1 + Int(uniform(&g) * Float(topics - 1))) % topics
                for c in 0 ..< columns { d[r, c] += 0.5 * termWeight[second, c] }
            }
            for c in 0 ..< columns where uniform(&g) < 0.05 { d[r, c] += 0.05 * uniform(&g) }
        }
        return sparse(d)
    }

    static func naiveProduct(_ a: DenseMatrix, _ b: DenseMatrix) -> DenseMatrix {
        var c = DenseMatrix(zeros: a.rows, columns: b.columns)
        for i in 0 ..< a.rows {
            for j in 0 ..< b.columns {
                var sum: Double = 0
                for k in 0 ..< a.columns { sum += Double(a[i, k]) * Double(b[k, j]) }
                c[i, j] = Float(sum)
            }
        }
        return c
    }

    static func maxAbsDifference(_ a: DenseMatrix, _ b: DenseMatrix) -> Float {
        precondition(a.rows == b.rows && a.columns == b.columns)
        return zip(a.values, b.values).map { abs($0 - $1) }.max() ?? 0
    }

    static func identity(_ n: Int) -> DenseMatrix {
        var d = DenseMatrix(zeros: n, columns: n)
        for i in 0 ..< n { d[i, i] = 1 }
        return d
    }

    /// Cosines of the principal angles between the column spaces of two orthonormal bases.
    static func principalCosines(_ a: DenseMatrix, _ b: DenseMatrix) throws -> [Float] {
        try LAPACK.gesdd(LAPACK.gemm(a, b, transposeA: true)).singularValues
    }
}
