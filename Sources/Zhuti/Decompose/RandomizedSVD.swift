import CLinearAlgebra

/// Randomized truncated SVD (Halko, Martinsson and Tropp 2011, algorithms 4.4 and 5.1) of a
/// sparse documents x terms matrix A.
///
/// All orthonormalisation happens on the *smaller* side of A (for character n-grams, the
/// documents: thousands of documents against hundreds of thousands of terms). With s the
/// smaller and b the larger dimension and l = rank + oversamples:
///
/// 1. Ω (s x l) Gaussian, Q = qr(Ω); the range of A·Aᵀ·Ω is the range sample, so no b x l
///    Gaussian is ever drawn.
/// 2. q + 1 times: Z = Aᵀ·Q (b x l), Q = qr(A·Z) - power iterations re-orthonormalised with
///    LAPACK QR every step, on an s x l matrix.
/// 3. Z = Aᵀ·Q, so B = Qᵀ·A = Zᵀ. Its Gram matrix G = Zᵀ·Z (l x l) is accumulated in double
///    precision in row blocks; G = W·Λ·Wᵀ by `dgesdd`. Then σ = √λ, U = Q·W and V = Z·W·Σ⁻¹.
///
/// Compared with orthonormalising the terms side as well, this skips 2q + 1 QR
/// factorisations of a b x l matrix (the bulk of the cost: 250,000 x 210 for a month of
/// People's Daily) and the b x l Gaussian. Squaring in step 3 is harmless because G is formed
/// and decomposed in double precision: σ_k² keeps ~16 digits against σ_1², far below the 1e-3
/// the model needs. A matrix with more documents than terms runs the same steps on Aᵀ.
///
/// Deterministic: the same matrix, options and seed give the same bits, component signs included
/// (see `TruncatedSVD.normalizeSigns`).
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

    /// The factors as the SVD produces them: the smaller side column-major, the larger side
    /// row by row in one buffer (it is the only large matrix the SVD ever holds).
    struct Factors {
        var singularValues: [Float]
        /// s x rank, column-major, orthonormal columns.
        var small: DenseMatrix
        /// b x rank, row-major, orthonormal columns.
        var large: FloatStorage
        /// Documents are the smaller side (the usual case): small = U, large = V.
        var documentsAreSmall: Bool
    }

    public func fit(_ matrix: SparseMatrix, progress: ((String) -> Void)? = nil) throws -> TruncatedSVD {
        let factors = try factorize(matrix, progress: progress)
        let rank = factors.singularValues.count
        let large = DenseMatrix(rows: rank, columns: factors.large.buffer.count / Swift.max(rank, 1),
                                values: Array(factors.large.buffer)).transposed()
        return factors.documentsAreSmall
            ? TruncatedSVD(singularValues: factors.singularValues, u: factors.small, v: large)
            : TruncatedSVD(singularValues: factors.singularValues, u: large, v: factors.small)
    }

    func factorize(_ matrix: SparseMatrix, progress: ((String) -> Void)? = nil) throws -> Factors {
        let m = matrix.rows, n = matrix.columns
        try TruncatedSVD.validate(rank: rank, rows: m, columns: n)
        guard oversamples >= 0 else {
            throw ZhutiError(.badOption, "oversamples \(oversamples) must not be negative")
        }
        guard powerIterations >= 0 else {
            throw ZhutiError(.badOption, "power iterations \(powerIterations) must not be negative")
        }
        // Never sample more directions than the matrix has; at l = min(m, n) the result is exact.
        let l = Swift.min(rank + oversamples, m, n)
        progress?("SVD: \(m) documents x \(n) terms, \(matrix.nonZeroCount) nonzeros; rank \(rank), sample \(l), \(powerIterations) power iterations")

        // `a` is s x b with s <= b: A itself, or Aᵀ when there are more documents than terms.
        let transpose = matrix.transposed()
        let (a, at) = m <= n ? (matrix, transpose) : (transpose, matrix)
        let s = a.rows, b = a.columns

        var q = try initialSample(rows: s, width: l)
        // Z = Aᵀ·Q, b x l row by row, overwritten in every iteration.
        let z = FloatStorage(capacity: b * l)
        let zp = z.mutableBaseAddress
        func projectOntoLargeSide() {
            q.transposed().values.withUnsafeBufferPointer { qt in
                at.gatherProduct(x: qt.baseAddress!, width: l, into: zp, rowMajorOutput: true)
            }
        }
        let smallRowMajor = UnsafeMutableBufferPointer<Float>.allocate(capacity: s * l)
        defer { smallRowMajor.deallocate() }
        for iteration in 0 ... powerIterations {
            progress?(iteration == 0 ? "SVD: range sample Q = qr(A·Aᵀ·Ω) (\(s) x \(l))"
                                     : "SVD: power iteration \(iteration)/\(powerIterations)")
            projectOntoLargeSide()
            // A·Z = (Aᵀ)ᵀ·Z, streaming Z once along Aᵀ's rows into the small s x l result.
            at.scatterTransposeProduct(rowMajor: zp, width: l, into: smallRowMajor.baseAddress!)
            for i in 0 ..< s {
                for j in 0 ..< l { q.values[i + j * s] = smallRowMajor[i * l + j] }
            }
            try LAPACK.qr(&q)
        }

        progress?("SVD: projection Zᵀ = Qᵀ·A, its \(l) x \(l) Gram matrix and that core's dense SVD")
        projectOntoLargeSide()
        let (sigma, w, wScaled) = try coreFactors(gram: Self.gram(rowMajor: zp, rows: b, columns: l), width: l)
        try Self.multiplyInPlace(&q, by: w)
        Self.multiplyRowsInPlace(zp, rows: b, width: l, by: wScaled)
        z.shrink(to: b * rank)
        var factors = Factors(singularValues: sigma, small: q, large: z, documentsAreSmall: m <= n)
        factors.normalizeSigns()
        progress?("SVD: done; top singular value \(sigma.first ?? 0)")
        return factors
    }

    /// Ω (rows x width, Gaussian, fixed by the seed) orthonormalised: the first range sample.
    func initialSample(rows s: Int, width l: Int) throws -> DenseMatrix {
        var q = DenseMatrix(zeros: s, columns: l)
        q.values.withUnsafeMutableBufferPointer { Self.fillGaussian($0, seed: seed) }
        try LAPACK.qr(&q)
        return q
    }

    /// The last small step: G = Zᵀ·Z (l x l, column-major, double) is symmetric positive
    /// semi-definite, so its SVD is its eigendecomposition W·Λ·Wᵀ, and σ = √λ. Returns σ for
    /// the leading `rank` directions, W (l x rank) and W·Σ⁻¹.
    func coreFactors(gram: [Double], width l: Int) throws -> (sigma: [Float], w: DenseMatrix, wScaled: DenseMatrix) {
        let core = try LAPACK.gesdd(gram, rows: l, columns: l)
        let top = core.singularValues[0].squareRoot()
        var sigma = [Float](repeating: 0, count: rank)
        var w = DenseMatrix(zeros: l, columns: rank)
        var wScaled = DenseMatrix(zeros: l, columns: rank)
        for j in 0 ..< rank {
            let value = Swift.max(core.singularValues[j], 0).squareRoot()
            sigma[j] = Float(value)
            // A direction with no energy (a rank-deficient matrix) gets a zero vector rather
            // than a division by zero.
            let inverse = value > top * 1e-6 ? 1 / value : 0
            for i in 0 ..< l {
                w[i, j] = Float(core.u[i + j * l])
                wScaled[i, j] = Float(core.u[i + j * l] * inverse)
            }
        }
        return (sigma, w, wScaled)
    }

    /// Zᵀ·Z for Z stored row by row: each block of rows multiplied in single precision (BLAS
    /// speed, short sums), the blocks summed in double so the long sum over hundreds of
    /// thousands of terms loses nothing.
    static func gram(rowMajor z: UnsafePointer<Float>, rows n: Int, columns l: Int) -> [Double] {
        var g = [Double](repeating: 0, count: l * l)
        var partial = [Float](repeating: 0, count: l * l)
        let block = 4096
        partial.withUnsafeMutableBufferPointer { pp in
            var r0 = 0
            while r0 < n {
                let rows = Swift.min(block, n - r0)
                // The block is column-major l x rows; its Gram matrix is block·blockᵀ.
                cblas_sgemm(ZhutiCblasColMajor, ZhutiCblasNoTrans, ZhutiCblasTrans, Int32(l), Int32(l), Int32(rows),
                            1, z + r0 * l, Int32(l), z + r0 * l, Int32(l), 0, pp.baseAddress, Int32(l))
                for i in 0 ..< l * l { g[i] += Double(pp[i]) }
                r0 += rows
            }
        }
        return g
    }

    /// z ← z · w for z stored row by row (n x l) and w (l x k, column-major, k <= l), leaving the
    /// result row by row (n x k) at the start of the same memory. Each block of rows is copied
    /// out first; its k-wide results end before the next block's l-wide input begins, so
    /// nothing unread is overwritten and no second n-row matrix is needed.
    static func multiplyRowsInPlace(_ z: UnsafeMutablePointer<Float>, rows n: Int, width l: Int, by w: DenseMatrix) {
        let k = w.columns
        precondition(w.rows == l && k <= l)
        let block = 4096
        var tile = [Float](repeating: 0, count: Swift.min(block, Swift.max(n, 1)) * l)
        w.values.withUnsafeBufferPointer { wp in
            tile.withUnsafeMutableBufferPointer { tp in
                var r0 = 0
                while r0 < n {
                    let rows = Swift.min(block, n - r0)
                    tp.baseAddress!.update(from: z + r0 * l, count: rows * l)
                    // Output block, column-major k x rows = wᵀ (k x l) · tile (l x rows).
                    cblas_sgemm(ZhutiCblasColMajor, ZhutiCblasTrans, ZhutiCblasNoTrans, Int32(k), Int32(rows), Int32(l),
                                1, wp.baseAddress, Int32(l), tp.baseAddress, Int32(l), 0, z + r0 * k, Int32(k))
                    r0 += rows
                }
            }
        }
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
