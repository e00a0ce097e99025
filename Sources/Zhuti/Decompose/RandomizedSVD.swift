/// Randomized truncated SVD (Halko, Martinsson and Tropp 2011, algorithms 4.4 and 5.1) of a
/// sparse documents x terms matrix: a Gaussian range sample with oversampling, power iterations
/// re-orthonormalised at every half-step, then a small dense SVD in double precision.
///
/// Deterministic: the same matrix, options and seed give the same bits, component signs included
/// (see `TruncatedSVD.normalizeSigns`).
///
/// Layout: every tall thin basis (documents x l or terms x l) is kept row by row, i.e. as the
/// column-major l x n DenseMatrix of its transpose. Sparse products then add contiguous rows, and
/// orthonormalising columns becomes LAPACK's LQ of that wide matrix, with no transposes. The
/// projection B = Qᵀ·A (l x terms) is exactly such a panel: (Aᵀ·Q)ᵀ. Its SVD goes through the LQ
/// B = L·Q′ (Float, in place) and the SVD of the small l x l L in Double, so the terms-wide
/// matrices stay Float and there is never more than one of them plus the output V.
public struct RandomizedSVD: Sendable {
    public var rank: Int
    public var oversamples: Int = 10
    public var powerIterations: Int = 4
    public var seed: UInt64

    public init(rank: Int, oversamples: Int = 10, powerIterations: Int = 4, seed: UInt64) {
        self.rank = rank
        self.oversamples = oversamples
        self.powerIterations = powerIterations
        self.seed = seed
    }

    public func fit(_ matrix: SparseMatrix, progress: ((String) -> Void)? = nil) throws -> TruncatedSVD {
        let m = matrix.rows, n = matrix.columns
        try TruncatedSVD.validate(rank: rank, rows: m, columns: n)
        guard oversamples >= 0 else {
            throw ZhutiError(.badOption, "oversamples \(oversamples) must not be negative")
        }
        guard powerIterations >= 0 else {
            throw ZhutiError(.badOption, "power iterations \(powerIterations) must not be negative")
        }
        // Never sample more directions than the matrix has; at l = min(m, n) the result is exact.
        let l = Swift.min(rank + Swift.min(oversamples, n), m, n)
        progress?("SVD: \(m) documents x \(n) terms, \(matrix.nonZeroCount) nonzeros; rank \(rank), sample \(l), \(powerIterations) power iterations")

        let transpose = matrix.transposed()

        // Y = A·Ω, with Ω (terms x l) Gaussian, held as Ωᵀ.
        progress?("SVD: range sample Y = A·Ω (\(m) x \(l))")
        var qt: DenseMatrix
        do {
            var omegaT = DenseMatrix(zeros: l, columns: n)
            omegaT.values.withUnsafeMutableBufferPointer { Self.fillGaussian($0, seed: seed) }
            qt = matrix.multiplyTransposedPanel(omegaT)
        }
        try LAPACK.lq(&qt)

        for iteration in 0 ..< powerIterations {
            progress?("SVD: power iteration \(iteration + 1)/\(powerIterations)")
            var zt = transpose.multiplyTransposedPanel(qt)  // (Aᵀ·Q)ᵀ
            try LAPACK.lq(&zt)
            qt = matrix.multiplyTransposedPanel(zt)         // (A·Z)ᵀ
            try LAPACK.lq(&qt)
        }

        progress?("SVD: projection B = Qᵀ·A (\(l) x \(n)) and its LQ")
        var b = transpose.multiplyTransposedPanel(qt)       // B = Qᵀ·A, l x n
        let lower = try LAPACK.lq(&b)                       // B = L·Q′, b now holds Q′

        progress?("SVD: dense SVD of the \(l) x \(l) core")
        let core = try LAPACK.gesdd(lower.values.map { Double($0) }, rows: l, columns: l)
        // B = Ul·S·(Vlᵀ·Q′): U = Q·Ul and V = Q′ᵀ·Vl, first `rank` columns of each.
        let ul = DenseMatrix(rows: l, columns: rank, values: core.u[0 ..< l * rank].map { Float($0) })
        var vl = DenseMatrix(zeros: l, columns: rank)
        for j in 0 ..< rank {
            for i in 0 ..< l { vl[i, j] = Float(core.vt[j + i * l]) }
        }
        let u = try LAPACK.gemm(qt, ul, transposeA: true)
        let v = try LAPACK.gemm(b, vl, transposeA: true)
        var result = TruncatedSVD(singularValues: core.singularValues[0 ..< rank].map { Float($0) }, u: u, v: v)
        result.normalizeSigns()
        progress?("SVD: done; top singular value \(result.singularValues.first ?? 0)")
        return result
    }
}
