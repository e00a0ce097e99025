import CLinearAlgebra

/// Randomized truncated SVD (Halko, Martinsson and Tropp 2011, algorithms 4.4 and 5.1) of a
/// sparse documents x terms matrix: a Gaussian range sample with oversampling, power iterations
/// re-orthonormalised at every half-step, then a small dense SVD in double precision.
///
/// Deterministic: the same matrix, options and seed give the same bits, component signs included
/// (see `TruncatedSVD.normalizeSigns`).
///
/// Memory: the bases (documents x l, terms x l) are column-major and orthonormalised in place by
/// LAPACK's QR; the products read and write them in that layout (see `SparseMatrix.multiply(_:transpose:)`).
/// B = Qᵀ·A (l x terms) is never formed as such: Bᵀ = Aᵀ·Q is a terms x l basis whose QR
/// Bᵀ = Qb·R leaves only the small l x l Rᵀ for the double-precision SVD, and V = Qb·Vl then
/// overwrites Qb in place. The terms-wide matrices stay Float and one of them is alive at a time,
/// except for a moment while a large product copies its input.
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

        // Y = A·Ω, with Ω (terms x l) Gaussian.
        progress?("SVD: range sample Y = A·Ω (\(m) x \(l))")
        var q: DenseMatrix
        do {
            var omega = DenseMatrix(zeros: n, columns: l)
            omega.values.withUnsafeMutableBufferPointer { Self.fillGaussian($0, seed: seed) }
            q = matrix.multiply(omega, transpose: transpose)
        }
        try LAPACK.qr(&q)

        for iteration in 0 ..< powerIterations {
            progress?("SVD: power iteration \(iteration + 1)/\(powerIterations)")
            var z = transpose.multiply(q, transpose: matrix)  // Aᵀ·Q
            try LAPACK.qr(&z)
            q = matrix.multiply(z, transpose: transpose)      // A·Z
            try LAPACK.qr(&q)
        }

        progress?("SVD: projection Bᵀ = Aᵀ·Q (\(n) x \(l)) and its QR")
        // Bᵀ = Qb·R, so B = Rᵀ·Qbᵀ and the SVD of the small Rᵀ = Ul·S·Vlᵀ gives B's:
        // U = Q·Ul and V = Qb·Vl, first `rank` columns of each.
        var qb = transpose.multiply(q, transpose: matrix)
        let r = try LAPACK.qr(&qb)

        progress?("SVD: dense SVD of the \(l) x \(l) core")
        let core = try LAPACK.gesdd(r.transposed().values.map { Double($0) }, rows: l, columns: l)
        let ul = DenseMatrix(rows: l, columns: rank, values: core.u[0 ..< l * rank].map { Float($0) })
        var vl = DenseMatrix(zeros: l, columns: rank)
        for j in 0 ..< rank {
            for i in 0 ..< l { vl[i, j] = Float(core.vt[j + i * l]) }
        }
        try Self.multiplyInPlace(&q, by: ul)
        try Self.multiplyInPlace(&qb, by: vl)
        // Consumed, not copied: a second reference would make the sign flips copy U and V.
        var result = TruncatedSVD(singularValues: core.singularValues[0 ..< rank].map { Float($0) }, u: consume q, v: consume qb)
        result.normalizeSigns()
        progress?("SVD: done; top singular value \(result.singularValues.first ?? 0)")
        return result
    }

    /// a ← a · w for a tall a (n x l) and a small w (l x k, k <= l), without a second n x k
    /// matrix: each block of rows is copied out, multiplied, and written over the first k columns
    /// of the same rows (the result shares a's leading dimension n), then the tail is dropped.
    static func multiplyInPlace(_ a: inout DenseMatrix, by w: DenseMatrix) throws {
        let n = a.rows, l = a.columns, k = w.columns
        guard w.rows == l, k <= l else {
            throw ZhutiError(.numerical, "sgemm: cannot multiply \(n) x \(l) by \(w.rows) x \(k) in place")
        }
        if n > 0 && k > 0 {
            let block = 4096
            let ldOut = try LAPACK.cInt(n), il = try LAPACK.cInt(l), ik = try LAPACK.cInt(k)
            var tile = [Float](repeating: 0, count: Swift.min(block, n) * l)
            a.values.withUnsafeMutableBufferPointer { ap in
                w.values.withUnsafeBufferPointer { wp in
                    tile.withUnsafeMutableBufferPointer { tp in
                        var r0 = 0
                        while r0 < n {
                            let rowsHere = Swift.min(block, n - r0)
                            for j in 0 ..< l {
                                for i in 0 ..< rowsHere { tp[i + j * rowsHere] = ap[r0 + i + j * n] }
                            }
                            cblas_sgemm(ZhutiCblasColMajor, ZhutiCblasNoTrans, ZhutiCblasNoTrans,
                                        Int32(rowsHere), ik, il, 1, tp.baseAddress, Int32(rowsHere),
                                        wp.baseAddress, il, 0, ap.baseAddress! + r0, ldOut)
                            r0 += rowsHere
                        }
                    }
                }
            }
        }
        a.values.removeLast((l - k) * n)
        a.columns = k
    }
}
