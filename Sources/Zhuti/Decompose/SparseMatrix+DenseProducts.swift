import Dispatch
import Foundation

extension SparseMatrix {
    /// `A · X` for dense X (columns x k); the result is rows x k.
    public func multiply(_ x: DenseMatrix) -> DenseMatrix {
        precondition(x.rows == columns, "A is \(rows) x \(columns) but X has \(x.rows) rows")
        return gatherProduct(rowMajor: x.transposed())
    }

    /// `Aᵀ · Y` for dense Y (rows x k); the result is columns x k. Reads A row by row and adds
    /// each a(r, c)·Y[r, :] into output row c, so no copy of Aᵀ is made.
    public func transposeMultiply(_ y: DenseMatrix) -> DenseMatrix {
        precondition(y.rows == rows, "A is \(rows) x \(columns) but Y has \(y.rows) rows")
        return scatterTransposeProduct(y)
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

    // MARK: - Kernels for thin dense panels

    /// Largest result (in bytes) computed by scattering: small enough to stay in the last-level
    /// cache while the input streams past. A constant rather than a reading of the machine, so the
    /// kernel chosen, and with it the bits, are the same everywhere.
    static let scatterOutputLimit = 16 << 20

    /// `A · X` for a thin column-major X, given also `transpose`, the CSR of Aᵀ. A small result is
    /// scattered along Aᵀ's rows, reading X once in order; a large one is gathered along A's rows
    /// from a row-major copy of X, every nonzero then reading one contiguous row of X.
    /// `scatterLimit` exists so tests can force the gathering form on small matrices.
    func multiply(_ x: DenseMatrix, transpose: SparseMatrix, scatterLimit: Int = scatterOutputLimit) -> DenseMatrix {
        precondition(x.rows == columns, "A is \(rows) x \(columns) but X has \(x.rows) rows")
        if rows * x.columns * MemoryLayout<Float>.size <= scatterLimit {
            return transpose.scatterTransposeProduct(x)
        }
        return gatherProduct(rowMajor: x.transposed())
    }

    /// `A · X` from X stored row by row (`xt` is Xᵀ, k x columns, column-major); the result is
    /// column-major rows x k. Each output row is summed in a small local buffer, in the order of its
    /// nonzeros whatever the split over cores, then stored down the result's columns: consecutive
    /// rows fill the same few cache lines, so the strided stores cost little.
    func gatherProduct(rowMajor xt: DenseMatrix) -> DenseMatrix {
        precondition(xt.columns == columns, "A is \(rows) x \(columns) but X has \(xt.columns) rows")
        var out = [Float](repeating: 0, count: rows * xt.rows)
        xt.values.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer {
                gatherProduct(x: x.baseAddress!, width: xt.rows, into: $0.baseAddress!, rowMajorOutput: false)
            }
        }
        return DenseMatrix(rows: rows, columns: xt.rows, values: out)
    }

    /// The gathering product into caller-owned memory (rows x k floats), column-major or,
    /// with `rowMajorOutput`, row by row - the layout the randomized SVD keeps its large
    /// terms-side matrix in, so that matrix exists once and is reused across iterations.
    /// `x` is X (columns x k) row by row.
    func gatherProduct(x: UnsafePointer<Float>, width k: Int, into output: UnsafeMutablePointer<Float>, rowMajorOutput: Bool) {
        let m = rows
        if k == 0 || m == 0 { return }
        let blocks = Self.rowBlocks(rowStarts: rowStarts, rows: m, work: values.count * k)
        rowStarts.withUnsafeBufferPointer { rs in
            columnIndices.withUnsafeBufferPointer { cols in
                values.withUnsafeBufferPointer { vals in
                    do {
                        // Shared read-only inputs; each block writes only its own output rows.
                        nonisolated(unsafe) let starts = rs.baseAddress!, c = cols.baseAddress, v = vals.baseAddress
                        nonisolated(unsafe) let xp = x, op = output
                        let work: @Sendable (Int) -> Void = { b in
                            guard let c, let v else {
                                for r in blocks[b] ..< blocks[b + 1] {
                                    for j in 0 ..< k { op[rowMajorOutput ? r &* k &+ j : r &+ j &* m] = 0 }
                                }
                                return
                            }
                            withUnsafeTemporaryAllocation(of: Float.self, capacity: k) { buffer in
                                let acc = buffer.baseAddress!
                                for r in blocks[b] ..< blocks[b + 1] {
                                    acc.update(repeating: 0, count: k)
                                    Self.accumulateRow(from: starts[r], to: starts[r + 1], columns: c, values: v, x: xp, width: k, into: acc)
                                    if rowMajorOutput {
                                        (op + r &* k).update(from: acc, count: k)
                                    } else {
                                        for j in 0 ..< k { op[r &+ j &* m] = acc[j] }
                                    }
                                }
                            }
                        }
                        if blocks.count == 2 { work(0) } else { DispatchQueue.concurrentPerform(iterations: blocks.count - 1, execute: work) }
                    }
                }
            }
        }
    }

    /// acc += Σ a(r, c) · X[c, :] over the nonzeros p in `from ..< to`, X row-major k wide.
    @inline(__always)
    static func accumulateRow(from start: Int, to end: Int, columns: UnsafePointer<Int32>, values: UnsafePointer<Float>,
                              x: UnsafePointer<Float>, width k: Int, into acc: UnsafeMutablePointer<Float>) {
        var p = start
        // Two nonzeros per pass halve the loads and stores of the accumulator.
        while p &+ 1 < end {
            let a0 = values[p], a1 = values[p &+ 1]
            let x0 = x + Int(columns[p]) &* k, x1 = x + Int(columns[p &+ 1]) &* k
            for j in 0 ..< k { acc[j] += a0 * x0[j] + a1 * x1[j] }
            p &+= 2
        }
        if p < end {
            let a0 = values[p]
            let x0 = x + Int(columns[p]) &* k
            for j in 0 ..< k { acc[j] += a0 * x0[j] }
        }
    }

    /// `Aᵀ · Y` for a thin column-major Y (rows x k); the result is column-major columns x k.
    /// Walks A's rows in order, reading Y's rows through small row-major tiles, and adds
    /// a(r, c)·Y[r, :] into row c of a row-major accumulator. Each core owns a range of output rows
    /// (finding its entries in each of A's rows by binary search), so writes are disjoint, and
    /// every output row is summed in increasing r whatever the split.
    func scatterTransposeProduct(_ y: DenseMatrix) -> DenseMatrix {
        precondition(y.rows == rows, "A is \(rows) x \(columns) but Y has \(y.rows) rows")
        let k = y.columns, n = columns, m = rows
        if k == 0 || n == 0 || m == 0 { return DenseMatrix(zeros: n, columns: k) }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let parts = (values.count * k >= 1 << 18 && n > 1) ? Swift.min(cores, n) : 1
        var accumulator = [Float](repeating: 0, count: k * n)  // row-major n x k
        rowStarts.withUnsafeBufferPointer { rs in
            columnIndices.withUnsafeBufferPointer { cols in
                values.withUnsafeBufferPointer { vals in
                    y.values.withUnsafeBufferPointer { yv in
                        accumulator.withUnsafeMutableBufferPointer { o in
                            nonisolated(unsafe) let starts = rs.baseAddress!, c = cols.baseAddress, v = vals.baseAddress
                            nonisolated(unsafe) let yp = yv.baseAddress!, op = o.baseAddress!
                            let tileRows = 64
                            let work: @Sendable (Int) -> Void = { part in
                                guard let c, let v else { return }
                                let low = Int32(truncatingIfNeeded: n * part / parts)
                                let high = Int32(truncatingIfNeeded: n * (part + 1) / parts)
                                withUnsafeTemporaryAllocation(of: Float.self, capacity: tileRows * k) { buffer in
                                    let tile = buffer.baseAddress!
                                    var r0 = 0
                                    while r0 < m {
                                        let r1 = Swift.min(r0 + tileRows, m)
                                        // Y[r0 ..< r1, :] into the tile, row by row.
                                        for j in 0 ..< k {
                                            let column = yp + j &* m
                                            for r in r0 ..< r1 { tile[(r &- r0) &* k &+ j] = column[r] }
                                        }
                                        for r in r0 ..< r1 {
                                            Self.scatterRow(from: starts[r], to: starts[r + 1], columns: c, values: v, outputRows: low ..< high,
                                                            source: tile + (r &- r0) &* k, width: k, into: op)
                                        }
                                        r0 = r1
                                    }
                                }
                            }
                            if parts == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: work) }
                        }
                    }
                }
            }
        }
        return DenseMatrix(rows: k, columns: n, values: accumulator).transposed()
    }

    /// `Aᵀ · Y` for Y stored row by row (rows x k, e.g. the SVD's terms-side matrix), into
    /// `output` row by row (columns x k). Y is read once, in order - a stream through memory,
    /// not a random walk over it - and the output, the small side, stays in cache. As in
    /// `scatterTransposeProduct`, each core owns a range of output rows, so writes are disjoint
    /// and every output row is summed in increasing r whatever the split.
    func scatterTransposeProduct(rowMajor y: UnsafePointer<Float>, width k: Int, into output: UnsafeMutablePointer<Float>) {
        let n = columns, m = rows
        output.update(repeating: 0, count: n * k)
        if k == 0 || n == 0 || m == 0 { return }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let parts = (values.count * k >= 1 << 18 && n > 1) ? Swift.min(cores, n) : 1
        rowStarts.withUnsafeBufferPointer { rs in
            columnIndices.withUnsafeBufferPointer { cols in
                values.withUnsafeBufferPointer { vals in
                    nonisolated(unsafe) let starts = rs.baseAddress!, c = cols.baseAddress, v = vals.baseAddress
                    nonisolated(unsafe) let yp = y, op = output
                    let work: @Sendable (Int) -> Void = { part in
                        guard let c, let v else { return }
                        let low = Int32(truncatingIfNeeded: n * part / parts)
                        let high = Int32(truncatingIfNeeded: n * (part + 1) / parts)
                        for r in 0 ..< m {
                            Self.scatterRow(from: starts[r], to: starts[r + 1], columns: c, values: v, outputRows: low ..< high,
                                            source: yp + r &* k, width: k, into: op)
                        }
                    }
                    if parts == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: work) }
                }
            }
        }
    }

    /// output[c, :] += a(r, c) · source for the nonzeros `from ..< to` of row r whose column c
    /// falls in `outputRows` (the calling core's share; found by binary search, columns being
    /// sorted). The one inner loop of both scatter products.
    @inline(__always)
    static func scatterRow(from start: Int, to end: Int, columns c: UnsafePointer<Int32>, values v: UnsafePointer<Float>,
                           outputRows: Range<Int32>, source src: UnsafePointer<Float>, width k: Int,
                           into op: UnsafeMutablePointer<Float>) {
        var p = start
        if outputRows.lowerBound > 0 {
            var hi = end
            while p < hi {
                let mid = (p &+ hi) >> 1
                if c[mid] < outputRows.lowerBound { p = mid &+ 1 } else { hi = mid }
            }
        }
        while p < end, c[p] < outputRows.upperBound {
            let a = v[p]
            let dst = op + Int(c[p]) &* k
            for j in 0 ..< k { dst[j] += a * src[j] }
            p &+= 1
        }
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
}
