import Dispatch
import Foundation

extension SparseMatrix {
    /// `A · X` for dense X (columns x k); the result is rows x k.
    public func multiply(_ x: DenseMatrix) -> DenseMatrix {
        precondition(x.rows == columns, "A is \(rows) x \(columns) but X has \(x.rows) rows")
        return multiplyTransposedPanel(x.transposed()).transposed()
    }

    /// `Aᵀ · Y` for dense Y (rows x k); the result is columns x k. Reads A row by row and adds
    /// each a(r, c)·Y[r, :] into output row c, so no copy of Aᵀ is made.
    public func transposeMultiply(_ y: DenseMatrix) -> DenseMatrix {
        precondition(y.rows == rows, "A is \(rows) x \(columns) but Y has \(y.rows) rows")
        return transposeMultiplyTransposedPanel(y.transposed()).transposed()
    }

    /// Largest output panel (in bytes) the scattering form is used for: small enough to stay in
    /// the last-level cache while the input panel streams past. A constant, not a reading of the
    /// machine, so the form chosen, and with it the bits, are the same everywhere.
    static let scatterOutputLimit = 16 << 20

    /// (A · X)ᵀ from Xᵀ, like `multiplyTransposedPanel`, given also `transpose`, the CSR of Aᵀ.
    /// When the result is small it is computed by scattering along Aᵀ's rows, which reads X once
    /// in order instead of gathering X's rows at random from memory.
    func multiplyTransposedPanel(_ xt: DenseMatrix, transpose: SparseMatrix) -> DenseMatrix {
        if xt.rows * rows * MemoryLayout<Float>.size <= Self.scatterOutputLimit {
            return transpose.transposeMultiplyTransposedPanel(xt)
        }
        return multiplyTransposedPanel(xt)
    }

    /// The CSR of Aᵀ (a counting sort by column). Column indices come out increasing because
    /// rows are visited in order. Row counts must fit Int32, as column indices do.
    public func transposed() -> SparseMatrix {
        let nnz = values.count
        var starts = [Int](repeating: 0, count: columns + 1)
        var outColumns = [Int32](repeating: 0, count: nnz)
        var outValues = [Float](repeating: 0, count: nnz)
        columnIndices.withUnsafeBufferPointer { cols in
            values.withUnsafeBufferPointer { vals in
                rowStarts.withUnsafeBufferPointer { rs in
                    starts.withUnsafeMutableBufferPointer { st in
                        for c in cols { st[Int(c) + 1] += 1 }
                        for c in 0 ..< columns { st[c + 1] += st[c] }
                        var next = Array(st.dropLast())
                        next.withUnsafeMutableBufferPointer { nx in
                            outColumns.withUnsafeMutableBufferPointer { oc in
                                outValues.withUnsafeMutableBufferPointer { ov in
                                    for r in 0 ..< rows {
                                        let row = Int32(truncatingIfNeeded: r)
                                        for p in rs[r] ..< rs[r + 1] {
                                            let c = Int(cols[p])
                                            let d = nx[c]
                                            nx[c] = d + 1
                                            oc[d] = row
                                            ov[d] = vals[p]
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return SparseMatrix(rows: columns, columns: rows, rowStarts: starts, columnIndices: outColumns, values: outValues)
    }

    /// Given Xᵀ (k x columns, column-major, i.e. X stored row by row), returns (A · X)ᵀ (k x rows).
    ///
    /// In this layout every nonzero a(r, c) adds one contiguous k-vector (row c of X) into one
    /// contiguous k-vector (row r of the result), which is what keeps a sparse x dense product
    /// cache-friendly. Output rows are split over the cores in blocks of similar nonzero count;
    /// each row is summed in the same order whatever the split, so the bits do not depend on it.
    func multiplyTransposedPanel(_ xt: DenseMatrix) -> DenseMatrix {
        precondition(xt.columns == columns, "A is \(rows) x \(columns) but the panel covers \(xt.columns) columns")
        let k = xt.rows
        let m = rows
        if k == 0 || m == 0 { return DenseMatrix(zeros: k, columns: m) }
        let blocks = Self.rowBlocks(rowStarts: rowStarts, rows: m, work: values.count * k)
        var out = [Float](repeating: 0, count: k * m)
        rowStarts.withUnsafeBufferPointer { rs in
            columnIndices.withUnsafeBufferPointer { cols in
                values.withUnsafeBufferPointer { vals in
                    xt.values.withUnsafeBufferPointer { x in
                        out.withUnsafeMutableBufferPointer { o in
                            // Shared read-only inputs; each block writes only its own output rows.
                            nonisolated(unsafe) let starts = rs.baseAddress!, c = cols.baseAddress, v = vals.baseAddress
                            nonisolated(unsafe) let xp = x.baseAddress!, op = o.baseAddress!
                            if blocks.count == 2 {
                                Self.accumulateRows(0 ..< m, starts: starts, columns: c, values: v, x: xp, width: k, out: op)
                            } else {
                                DispatchQueue.concurrentPerform(iterations: blocks.count - 1) { b in
                                    Self.accumulateRows(blocks[b] ..< blocks[b + 1], starts: starts, columns: c, values: v,
                                                        x: xp, width: k, out: op)
                                }
                            }
                        }
                    }
                }
            }
        }
        return DenseMatrix(rows: k, columns: m, values: out)
    }

    /// Given Yᵀ (k x rows), returns (Aᵀ · Y)ᵀ (k x columns): walks A's rows in order, reading
    /// each row of Y once, and adds a(r, c)·Y[r, :] into output row c. Each core owns a range of
    /// output rows (finding its entries in every row of A by binary search), so writes are
    /// disjoint; every output row is summed in increasing r whatever the split.
    func transposeMultiplyTransposedPanel(_ yt: DenseMatrix) -> DenseMatrix {
        precondition(yt.columns == rows, "A is \(rows) x \(columns) but the panel covers \(yt.columns) rows")
        let k = yt.rows
        let n = columns
        if k == 0 || n == 0 || rows == 0 { return DenseMatrix(zeros: k, columns: n) }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let parts = (values.count * k >= 1 << 18 && n > 1) ? Swift.min(cores, n) : 1
        var out = [Float](repeating: 0, count: k * n)
        rowStarts.withUnsafeBufferPointer { rs in
            columnIndices.withUnsafeBufferPointer { cols in
                values.withUnsafeBufferPointer { vals in
                    yt.values.withUnsafeBufferPointer { y in
                        out.withUnsafeMutableBufferPointer { o in
                            nonisolated(unsafe) let starts = rs.baseAddress!, c = cols.baseAddress, v = vals.baseAddress
                            nonisolated(unsafe) let yp = y.baseAddress!, op = o.baseAddress!
                            let m = rows
                            let work: @Sendable (Int) -> Void = { part in
                                guard let c, let v else { return }
                                let low = Int32(truncatingIfNeeded: n * part / parts)
                                let high = Int32(truncatingIfNeeded: n * (part + 1) / parts)
                                for r in 0 ..< m {
                                    var p = starts[r]
                                    let end = starts[r + 1]
                                    if low > 0 {
                                        var hi = end
                                        while p < hi {
                                            let mid = (p &+ hi) >> 1
                                            if c[mid] < low { p = mid &+ 1 } else { hi = mid }
                                        }
                                    }
                                    let src = yp + r &* k
                                    while p < end, c[p] < high {
                                        let a = v[p]
                                        let dst = op + Int(c[p]) &* k
                                        for j in 0 ..< k { dst[j] += a * src[j] }
                                        p &+= 1
                                    }
                                }
                            }
                            if parts == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: work) }
                        }
                    }
                }
            }
        }
        return DenseMatrix(rows: k, columns: n, values: out)
    }

    /// Row boundaries splitting the nonzeros into roughly equal blocks, a few per core so an
    /// uneven block does not leave a core idle; one block when the product is too small to share.
    static func rowBlocks(rowStarts: [Int], rows: Int, work: Int) -> [Int] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard cores > 1, work >= 1 << 18, rows > 1 else { return [0, rows] }
        let count = Swift.min(rows, 4 * cores)
        let nnz = rowStarts[rows]
        var bounds = [0]
        for b in 1 ..< count {
            // First row whose start reaches b/count of the nonzeros (binary search).
            let target = nnz * b / count
            var lo = bounds.last!, hi = rows
            while lo < hi {
                let mid = (lo + hi) / 2
                if rowStarts[mid] < target { lo = mid + 1 } else { hi = mid }
            }
            if lo > bounds.last! && lo < rows { bounds.append(lo) }
        }
        bounds.append(rows)
        return bounds
    }

    /// out[:, r] = Σ a(r, c) · x[:, c] for r in `range`, both panels k-wide and column-major.
    @inline(__always)
    static func accumulateRows(_ range: Range<Int>, starts: UnsafePointer<Int>, columns: UnsafePointer<Int32>?,
                               values: UnsafePointer<Float>?, x: UnsafePointer<Float>, width k: Int,
                               out: UnsafeMutablePointer<Float>) {
        guard let columns, let values else { return }
        for r in range {
            let o = out + r &* k
            var p = starts[r]
            let end = starts[r + 1]
            // Two nonzeros per pass halve the loads and stores of the output row.
            while p &+ 1 < end {
                let a0 = values[p], a1 = values[p &+ 1]
                let x0 = x + Int(columns[p]) &* k, x1 = x + Int(columns[p &+ 1]) &* k
                for j in 0 ..< k { o[j] += a0 * x0[j] + a1 * x1[j] }
                p &+= 2
            }
            if p < end {
                let a0 = values[p]
                let x0 = x + Int(columns[p]) &* k
                for j in 0 ..< k { o[j] += a0 * x0[j] }
            }
        }
    }
}
