/// Randomized truncated SVD (Halko, Martinsson and Tropp 2011, algorithms 4.4 and 5.1) of a
/// sparse documents x terms matrix: a Gaussian range sample with oversampling, power iterations
/// re-orthonormalised at every half-step, then a small dense SVD in double precision.
///
/// Deterministic: the same matrix, options and seed give the same bits, component signs included
/// (see `TruncatedSVD.normalizeSigns`).
///
/// Layout: the sparse products work on thin bases (documents x l or terms x l) stored row by
/// row, i.e. as the column-major l x n DenseMatrix of their transpose, so that every nonzero
/// adds one contiguous row. Orthonormalising goes through a transposed copy and LAPACK's QR.
/// B = Qᵀ·A (l x terms) is never formed as such: Bᵀ = Aᵀ·Q is a terms x l panel whose QR
/// Bᵀ = Qb·R leaves only the small l x l Rᵀ for the double-precision SVD, so the terms-wide
/// matrices stay Float and at most two of them are alive at once (Qb and the output V).
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
            qt = matrix.multiplyTransposedPanel(omegaT, transpose: transpose)
        }
        try Self.orthonormalize(&qt)

        for iteration in 0 ..< powerIterations {
            progress?("SVD: power iteration \(iteration + 1)/\(powerIterations)")
            var zt = transpose.multiplyTransposedPanel(qt, transpose: matrix)  // (Aᵀ·Q)ᵀ
            try Self.orthonormalize(&zt)
            qt = matrix.multiplyTransposedPanel(zt, transpose: transpose)      // (A·Z)ᵀ
            try Self.orthonormalize(&qt)
        }

        progress?("SVD: projection B = Qᵀ·A (\(l) x \(n)) and the QR of Bᵀ")
        // Bᵀ = Qb·R, so B = Rᵀ·Qbᵀ and the SVD of the small Rᵀ = Ul·S·Vlᵀ gives B's:
        // U = Q·Ul and V = Qb·Vl, first `rank` columns of each.
        var qb = transpose.multiplyTransposedPanel(qt, transpose: matrix).transposed()  // Bᵀ, n x l
        let r = try LAPACK.qr(&qb)

        progress?("SVD: dense SVD of the \(l) x \(l) core")
        let core = try LAPACK.gesdd(r.transposed().values.map { Double($0) }, rows: l, columns: l)
        let ul = DenseMatrix(rows: l, columns: rank, values: core.u[0 ..< l * rank].map { Float($0) })
        var vl = DenseMatrix(zeros: l, columns: rank)
        for j in 0 ..< rank {
            for i in 0 ..< l { vl[i, j] = Float(core.vt[j + i * l]) }
        }
        let u = try LAPACK.gemm(qt, ul, transposeA: true)
        let v = try LAPACK.gemm(qb, vl)
        var result = TruncatedSVD(singularValues: core.singularValues[0 ..< rank].map { Float($0) }, u: u, v: v)
        result.normalizeSigns()
        progress?("SVD: done; top singular value \(result.singularValues.first ?? 0)")
        return result
    }

    /// Replaces the row-major tall basis held as its transpose (l x n) with an orthonormal basis
    /// of the same column space. Goes through a transposed copy because LAPACK's QR of the tall
    /// matrix runs several times faster than its LQ of the wide one, whose unblocked panel steps
    /// walk rows with a stride of l.
    static func orthonormalize(_ panelT: inout DenseMatrix) throws {
        var tall = panelT.transposed()
        panelT = DenseMatrix(zeros: 0, columns: 0)  // release before QR's workspace and the copy back
        try LAPACK.qr(&tall)
        panelT = tall.transposed()
    }
}
