/// Column-major dense matrix of Float: entry (r, c) lives at `values[r + c * rows]`,
/// the layout LAPACK and BLAS expect, so `values` can be handed to them as is.
public struct DenseMatrix: Sendable, Equatable {
    public var rows: Int
    public var columns: Int
    /// Column-major entries, `rows * columns` of them.
    public var values: [Float]

    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must not be negative")
        precondition(values.count == rows * columns, "a \(rows) x \(columns) matrix needs \(rows * columns) values, got \(values.count)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public init(zeros rows: Int, columns: Int) {
        self.init(rows: rows, columns: columns, values: [Float](repeating: 0, count: rows * columns))
    }

    public subscript(row: Int, column: Int) -> Float {
        get { values[row + column * rows] }
        set { values[row + column * rows] = newValue }
    }

    /// Column `column` as a contiguous slice.
    public func column(_ column: Int) -> ArraySlice<Float> {
        values[column * rows ..< (column + 1) * rows]
    }

    /// The transpose, copied in tiles so both the reads and the writes stay in cache.
    public func transposed() -> DenseMatrix {
        let m = rows, n = columns
        var out = [Float](repeating: 0, count: m * n)
        let tile = 32
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                var c0 = 0
                while c0 < n {
                    let c1 = Swift.min(c0 + tile, n)
                    var r0 = 0
                    while r0 < m {
                        let r1 = Swift.min(r0 + tile, m)
                        for c in c0 ..< c1 {
                            for r in r0 ..< r1 {
                                // Source (r, c) of m x n becomes (c, r) of n x m.
                                dst[c + r * n] = src[r + c * m]
                            }
                        }
                        r0 = r1
                    }
                    c0 = c1
                }
            }
        }
        return DenseMatrix(rows: n, columns: m, values: out)
    }
}
