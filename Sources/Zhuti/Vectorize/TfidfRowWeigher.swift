import Foundation

/// Accumulates CSR rows in order.
struct TfidfMatrixBuilder {
    var rowStarts: [Int] = [0]
    var columnIndices: [Int32] = []
    var values: [Float] = []

    var rows: Int { rowStarts.count - 1 }

    func matrix(columns: Int) -> SparseMatrix {
        SparseMatrix(rows: rows, columns: columns, rowStarts: rowStarts, columnIndices: columnIndices, values: values)
    }
}

/// A worker's reusable memory for weighting rows, and the rows it produced for one chunk.
/// A struct used as a local variable (see `NGramDocumentCounter` for why); `release()` once.
struct TfidfRowScratch {
    var counter = NGramDocumentCounter()
    var pairs: [UInt64] = []
    var sortBuffer: [UInt64] = []
    var histogram = [Int](repeating: 0, count: TfidfRowWeigher.radix)
    var weights: [Double] = []
    var rows = TfidfRows()

    func release() { counter.release() }
}

/// Rows in CSR pieces, as one worker produced them.
struct TfidfRows {
    var rowLengths: [Int] = []
    var indices: [Int32] = []
    var values: [Float] = []
    /// Strings of hashed terms met while fitting, by column.
    var recovered: [Int32: String] = [:]
}

/// Turns text into weighted rows given the kept keys and their idf.
struct TfidfRowWeigher: Sendable {
    var tokenizer: NGramTokenizer
    var lookup: NGramIndexTable
    var idf: [Float]

    /// Appends the row of `text` to `scratch`. When `recovering` is given, a hashed n-gram whose
    /// column is flagged there has its text copied into `scratch.rows.recovered` (once per worker).
    func appendRow(_ text: String, to scratch: inout TfidfRowScratch, recovering: UnsafeBufferPointer<Bool>?) {
        scratch.counter.reset()
        if let recovering {
            tokenizer.scan(text) { key, bytes, start, end in
                scratch.counter.add(key)
                guard key & NGramKey.hashedTag != 0 else { return }
                let column = lookup.index(of: key)
                if column >= 0 && recovering[Int(column)] && scratch.rows.recovered[column] == nil {
                    scratch.rows.recovered[column] = String(
                        decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                }
            }
        } else {
            tokenizer.scan(text) { key, _, _, _ in scratch.counter.add(key) }
        }

        // (column << 32 | tf) sorts by column, which CSR wants ascending within a row.
        scratch.pairs.removeAll(keepingCapacity: true)
        let counter = scratch.counter
        lookup.forEachIndex(of: counter.keys, count: counter.distinctCount) { position, column in
            if column >= 0 {
                scratch.pairs.append(UInt64(UInt32(column)) << 32 | UInt64(counter.counts[position]))
            }
        }
        sortByColumn(&scratch)

        scratch.weights.removeAll(keepingCapacity: true)
        var sumOfSquares = 0.0
        idf.withUnsafeBufferPointer { idf in
            for pair in scratch.pairs {
                let tf = Double(pair & 0xFFFF_FFFF)
                let weight = (1 + log(tf)) * Double(idf[Int(pair >> 32)])
                scratch.weights.append(weight)
                sumOfSquares += weight * weight
            }
        }
        let norm = sumOfSquares.squareRoot()
        guard norm > 0, norm.isFinite else {  // nothing known (or a stored idf of 0): empty row
            scratch.rows.rowLengths.append(0)
            return
        }
        for (pair, weight) in zip(scratch.pairs, scratch.weights) {
            scratch.rows.indices.append(Int32(truncatingIfNeeded: pair >> 32))
            scratch.rows.values.append(Float(weight / norm))
        }
        scratch.rows.rowLengths.append(scratch.pairs.count)
    }

    static let radixBits = 11
    static let radix = 1 << radixBits

    /// Sorts `scratch.pairs` by column: a least-significant-digit radix sort on 11-bit digits of
    /// the column (two passes up to 4M columns), cheaper than a comparison sort for the
    /// thousand-odd pairs of a typical article.
    func sortByColumn(_ scratch: inout TfidfRowScratch) {
        let count = scratch.pairs.count
        guard count > 64 else {
            scratch.pairs.sort()
            return
        }
        var columnBits = 1
        while (1 << columnBits) < idf.count { columnBits += 1 }
        let passes = (columnBits + Self.radixBits - 1) / Self.radixBits
        if scratch.sortBuffer.count < count {
            scratch.sortBuffer = [UInt64](repeating: 0, count: max(count, 2 * scratch.sortBuffer.count))
        }
        scratch.pairs.withUnsafeMutableBufferPointer { pairs in
            scratch.sortBuffer.withUnsafeMutableBufferPointer { buffer in
                scratch.histogram.withUnsafeMutableBufferPointer { histogram in
                    var source = pairs
                    var target = buffer
                    for pass in 0..<passes {
                        let shift = UInt64(32 + pass * Self.radixBits)
                        let mask = UInt64(Self.radix - 1)
                        histogram.update(repeating: 0)
                        for i in 0..<count { histogram[Int((source[i] >> shift) & mask)] += 1 }
                        var total = 0
                        for digit in 0..<Self.radix {
                            let size = histogram[digit]
                            histogram[digit] = total
                            total += size
                        }
                        for i in 0..<count {
                            let value = source[i]
                            let digit = Int((value >> shift) & mask)
                            target[histogram[digit]] = value
                            histogram[digit] += 1
                        }
                        swap(&source, &target)
                    }
                    if passes % 2 == 1 {
                        for i in 0..<count { pairs[i] = buffer[i] }
                    }
                }
            }
        }
    }

    /// Appends the rows of `texts` to `builder`, chunk by chunk, each chunk split over the cores.
    /// With `recovering`, strings of flagged hashed terms are gathered into `recovered` and their
    /// flags cleared, so each is copied about once.
    func appendRows(
        _ texts: [String], to builder: inout TfidfMatrixBuilder,
        recovering: UnsafeMutableBufferPointer<Bool>?, recovered: inout [Int32: String],
        chunkBytes: Int = VectorizeWork.defaultChunkBytes
    ) {
        let workers = VectorizeWork.workerCount
        var outputs = [TfidfRows](repeating: TfidfRows(), count: workers)
        for chunk in VectorizeWork.chunks(texts, chunkBytes: chunkBytes) {
            let parts = VectorizeWork.split(texts, chunk, parts: workers)
            let flags = recovering.map { UnsafeBufferPointer($0) }
            outputs.withUnsafeMutableBufferPointer { outputs in
                let shared = UncheckedSendable((outputs, flags))
                VectorizeWork.run(workers) { worker in
                    var scratch = TfidfRowScratch()
                    for document in parts[worker] {
                        appendRow(texts[document], to: &scratch, recovering: shared.value.1)
                    }
                    scratch.release()
                    shared.value.0[worker] = scratch.rows
                }
            }
            for rows in outputs {
                var offset = 0
                for length in rows.rowLengths {
                    offset += length
                    builder.rowStarts.append(builder.columnIndices.count + offset)
                }
                builder.columnIndices.append(contentsOf: rows.indices)
                builder.values.append(contentsOf: rows.values)
                if let recovering {
                    for (column, text) in rows.recovered where recovering[Int(column)] {
                        recovered[column] = text
                        recovering[Int(column)] = false
                    }
                }
            }
        }
    }
}
