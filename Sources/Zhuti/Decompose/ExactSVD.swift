/// The exact truncated SVD by densifying and calling `dgesdd`: the reference the randomized
/// path is tested against, and usable for tiny corpora. Cost is cubic; not for real archives.
public enum ExactSVD {
    /// Largest matrix (rows x columns) the exact path densifies, 200 MB as Double.
    public static let maximumEntries = 25_000_000

    public static func fit(_ matrix: SparseMatrix, rank: Int) throws -> TruncatedSVD {
        try TruncatedSVD.validate(rank: rank, rows: matrix.rows, columns: matrix.columns)
        try checkSize(rows: matrix.rows, columns: matrix.columns)
        var dense = DenseMatrix(zeros: matrix.rows, columns: matrix.columns)
        for r in 0 ..< matrix.rows {
            for p in matrix.rowStarts[r] ..< matrix.rowStarts[r + 1] {
                dense[r, Int(matrix.columnIndices[p])] += matrix.values[p]
            }
        }
        return try fit(dense, rank: rank)
    }

    public static func fit(_ dense: DenseMatrix, rank: Int) throws -> TruncatedSVD {
        let m = dense.rows, n = dense.columns
        try TruncatedSVD.validate(rank: rank, rows: m, columns: n)
        try checkSize(rows: m, columns: n)
        let full = try LAPACK.gesdd(dense.values.map { Double($0) }, rows: m, columns: n)
        let k = Swift.min(m, n)
        // u is m x k: its first `rank` columns are a prefix. vt is k x n: V's column j is row j.
        let u = DenseMatrix(rows: m, columns: rank, values: full.u[0 ..< m * rank].map { Float($0) })
        var v = DenseMatrix(zeros: n, columns: rank)
        for j in 0 ..< rank {
            for i in 0 ..< n { v[i, j] = Float(full.vt[j + i * k]) }
        }
        var result = TruncatedSVD(singularValues: full.singularValues[0 ..< rank].map { Float($0) }, u: u, v: v)
        result.normalizeSigns()
        return result
    }

    private static func checkSize(rows: Int, columns: Int) throws {
        let (entries, overflow) = rows.multipliedReportingOverflow(by: columns)
        if overflow || entries > maximumEntries {
            throw ZhutiError(.badOption, "the exact SVD densifies the matrix and \(rows) x \(columns) is too large for it; use the randomized SVD")
        }
    }
}
