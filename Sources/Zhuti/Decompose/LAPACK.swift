import CLinearAlgebra

/// A thin Swift layer over the LAPACK and BLAS routines the decomposition needs.
///
/// Every LAPACK call asks for its workspace first (`lwork = -1`) and every `info` is checked;
/// a failure becomes `ZhutiError(.numerical, "<routine> failed: info=<n>")`. Arguments LAPACK
/// would reject are refused here, before the call, because the reference `xerbla` stops the process.
public enum LAPACK {
    /// QR of a tall matrix with Q made explicit (`sgeqrf` + `sorgqr`): replaces `a` (m x n, m >= n)
    /// with Q (m x n, orthonormal columns) and returns R (n x n, upper triangular), Q R = old `a`.
    @discardableResult
    public static func qr(_ a: inout DenseMatrix) throws -> DenseMatrix {
        let m = a.rows, n = a.columns
        guard m >= n else {
            throw ZhutiError(.numerical, "sgeqrf: a \(m) x \(n) matrix has fewer rows than columns; QR with an explicit Q needs a tall matrix")
        }
        if n == 0 { return DenseMatrix(zeros: 0, columns: 0) }
        var fm = try fortranInt(m, "sgeqrf"), fn = try fortranInt(n, "sgeqrf")
        var lda = fm
        var tau = [Float](repeating: 0, count: n)
        var info: zhuti_fint = 0
        var r = DenseMatrix(zeros: n, columns: n)
        try a.values.withUnsafeMutableBufferPointer { abuf in
            let ap = abuf.baseAddress!
            var lwork = try workspace("sgeqrf/sorgqr") { query, lw, info in
                sgeqrf_(&fm, &fn, ap, &lda, &tau, query, lw, info)
                return ()
            } and: { query, lw, info in
                sorgqr_(&fm, &fn, &fn, ap, &lda, &tau, query, lw, info)
            }
            var work = [Float](repeating: 0, count: Int(lwork))
            sgeqrf_(&fm, &fn, ap, &lda, &tau, &work, &lwork, &info)
            try check(info, "sgeqrf")
            for c in 0 ..< n {
                for row in 0 ... c { r[row, c] = ap[row + c * m] }
            }
            sorgqr_(&fm, &fn, &fn, ap, &lda, &tau, &work, &lwork, &info)
            try check(info, "sorgqr")
        }
        return r
    }

    /// Thin SVD `a = u · diag(s) · vt` by divide and conquer (`sgesdd`, JOBZ = 'S'):
    /// u is m x min(m, n), vt is min(m, n) x n, s descending.
    public static func gesdd(_ a: DenseMatrix) throws -> (u: DenseMatrix, singularValues: [Float], vt: DenseMatrix) {
        let m = a.rows, n = a.columns, k = Swift.min(m, n)
        if k == 0 {
            return (DenseMatrix(zeros: m, columns: 0), [], DenseMatrix(zeros: 0, columns: n))
        }
        var fm = try fortranInt(m, "sgesdd"), fn = try fortranInt(n, "sgesdd")
        var lda = fm, ldu = fm, ldvt = try fortranInt(k, "sgesdd")
        var values = a.values
        var s = [Float](repeating: 0, count: k)
        var u = [Float](repeating: 0, count: m * k)
        var vt = [Float](repeating: 0, count: k * n)
        var iwork = [zhuti_fint](repeating: 0, count: 8 * k)
        var jobz = CChar(UInt8(ascii: "S"))
        var info: zhuti_fint = 0
        var query: Float = 0
        var lwork: zhuti_fint = -1
        sgesdd_(&jobz, &fm, &fn, &values, &lda, &s, &u, &ldu, &vt, &ldvt, &query, &lwork, &iwork, &info, 1)
        try check(info, "sgesdd")
        lwork = try workspaceCount(Double(query.nextUp), "sgesdd")
        var work = [Float](repeating: 0, count: Int(lwork))
        sgesdd_(&jobz, &fm, &fn, &values, &lda, &s, &u, &ldu, &vt, &ldvt, &work, &lwork, &iwork, &info, 1)
        try check(info, "sgesdd")
        return (DenseMatrix(rows: m, columns: k, values: u), s, DenseMatrix(rows: k, columns: n, values: vt))
    }

    /// Thin SVD in double precision (`dgesdd`, JOBZ = 'S') of the column-major m x n `a`:
    /// u is m x min(m, n) and vt is min(m, n) x n, both column-major; s descending.
    public static func gesdd(_ a: [Double], rows m: Int, columns n: Int) throws -> (u: [Double], singularValues: [Double], vt: [Double]) {
        guard m >= 0, n >= 0, a.count == m * n else {
            throw ZhutiError(.numerical, "dgesdd: \(a.count) values do not make a \(m) x \(n) matrix")
        }
        let k = Swift.min(m, n)
        if k == 0 { return ([], [], []) }
        var fm = try fortranInt(m, "dgesdd"), fn = try fortranInt(n, "dgesdd")
        var lda = fm, ldu = fm, ldvt = try fortranInt(k, "dgesdd")
        var values = a
        var s = [Double](repeating: 0, count: k)
        var u = [Double](repeating: 0, count: m * k)
        var vt = [Double](repeating: 0, count: k * n)
        var iwork = [zhuti_fint](repeating: 0, count: 8 * k)
        var jobz = CChar(UInt8(ascii: "S"))
        var info: zhuti_fint = 0
        var query: Double = 0
        var lwork: zhuti_fint = -1
        dgesdd_(&jobz, &fm, &fn, &values, &lda, &s, &u, &ldu, &vt, &ldvt, &query, &lwork, &iwork, &info, 1)
        try check(info, "dgesdd")
        lwork = try workspaceCount(query, "dgesdd")
        var work = [Double](repeating: 0, count: Int(lwork))
        dgesdd_(&jobz, &fm, &fn, &values, &lda, &s, &u, &ldu, &vt, &ldvt, &work, &lwork, &iwork, &info, 1)
        try check(info, "dgesdd")
        return (u, s, vt)
    }

    /// `op(a) · op(b)` with `sgemm`, where op transposes when asked.
    public static func gemm(_ a: DenseMatrix, _ b: DenseMatrix, transposeA: Bool = false, transposeB: Bool = false) throws -> DenseMatrix {
        let (m, inner) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
        let (innerB, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
        guard inner == innerB else {
            throw ZhutiError(.numerical, "sgemm: cannot multiply \(m) x \(inner) by \(innerB) x \(n)")
        }
        var c = DenseMatrix(zeros: m, columns: n)
        if m == 0 || n == 0 || inner == 0 { return c }
        let im = try cInt(m), in_ = try cInt(n), ik = try cInt(inner)
        let lda = try cInt(Swift.max(1, a.rows)), ldb = try cInt(Swift.max(1, b.rows)), ldc = try cInt(Swift.max(1, m))
        a.values.withUnsafeBufferPointer { ap in
            b.values.withUnsafeBufferPointer { bp in
                c.values.withUnsafeMutableBufferPointer { cp in
                    cblas_sgemm(ZhutiCblasColMajor,
                                transposeA ? ZhutiCblasTrans : ZhutiCblasNoTrans,
                                transposeB ? ZhutiCblasTrans : ZhutiCblasNoTrans,
                                im, in_, ik, 1, ap.baseAddress, lda, bp.baseAddress, ldb, 0, cp.baseAddress, ldc)
                }
            }
        }
        return c
    }

    // MARK: - Plumbing

    static func check(_ info: zhuti_fint, _ routine: String) throws {
        if info != 0 { throw ZhutiError(.numerical, "\(routine) failed: info=\(info)") }
    }

    static func fortranInt(_ value: Int, _ routine: String) throws -> zhuti_fint {
        guard let v = zhuti_fint(exactly: value) else {
            throw ZhutiError(.numerical, "\(routine): dimension \(value) exceeds LAPACK's 32-bit integers")
        }
        return v
    }

    static func cInt(_ value: Int) throws -> Int32 {
        guard let v = Int32(exactly: value) else {
            throw ZhutiError(.numerical, "sgemm: dimension \(value) exceeds BLAS's 32-bit integers")
        }
        return v
    }

    /// LAPACK reports the optimal workspace as a floating-point number, which for large sizes in
    /// single precision may round below the true count; round up past it.
    static func workspaceCount(_ query: Double, _ routine: String) throws -> zhuti_fint {
        let count = Swift.max(1, Int(query.nextUp.rounded(.up)))
        return try fortranInt(count, routine)
    }

    /// The larger workspace two routines sharing one buffer ask for.
    private static func workspace(
        _ routine: String,
        _ first: (UnsafeMutablePointer<Float>, UnsafePointer<zhuti_fint>, UnsafeMutablePointer<zhuti_fint>) -> Void,
        and second: (UnsafeMutablePointer<Float>, UnsafePointer<zhuti_fint>, UnsafeMutablePointer<zhuti_fint>) -> Void
    ) throws -> zhuti_fint {
        var query: Float = 0
        var lwork: zhuti_fint = -1
        var info: zhuti_fint = 0
        first(&query, &lwork, &info)
        try check(info, routine)
        let a = try workspaceCount(Double(query.nextUp), routine)
        second(&query, &lwork, &info)
        try check(info, routine)
        let b = try workspaceCount(Double(query.nextUp), routine)
        return Swift.max(a, b)
    }
}
