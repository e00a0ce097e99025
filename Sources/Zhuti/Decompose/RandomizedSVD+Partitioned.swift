/// The randomized SVD of a documents x terms matrix that no one machine holds: its rows are
/// spread over a cluster's partitions, each of which sees only its own block A_p.
///
/// These are the steps `factorize` takes when documents outnumber terms (it then works on Aᵀ
/// and orthonormalises the terms side), cut where a cluster must sum over partitions:
///
/// 1. `start()`: Q = qr(Ω), terms x l, Ω fixed by the seed (`initialSample`, as in `factorize`).
/// 2. q + 1 times: every partition returns `rangeShare` = A_pᵀ·(A_p·Q) (terms x l); the shares
///    are summed (Aᵀ·A·Q) and `orthonormalize` makes the next Q.
/// 3. Every partition returns `gramShare` = (A_p·Q)ᵀ·(A_p·Q) (l x l, double); their sum is the
///    Gram matrix of Z = A·Q, and `finish` takes σ and the term vectors V = Q·W from it
///    (`coreFactors`, as in `factorize`), signs fixed by `normalizeSigns`.
///
/// Only terms x l matrices travel (the small side at this scale); the documents' side of the
/// factorization is never formed - document vectors come from projecting each row on V, as at
/// build. With the same seed, a single machine running `factorize` on a matrix with more
/// documents than terms computes the same quantities, summed in another order.
public struct PartitionedSVD: Sendable {
    public let svd: RandomizedSVD
    public let documents: Int
    public let terms: Int

    /// Checks the rank against the matrix's shape, as `factorize` does.
    public init(_ svd: RandomizedSVD, documents: Int, terms: Int) throws {
        try TruncatedSVD.validate(rank: svd.rank, rows: documents, columns: terms)
        guard svd.oversamples >= 0, svd.powerIterations >= 0 else {
            throw ZhutiError(.badOption, "oversamples and power iterations must not be negative")
        }
        self.svd = svd
        self.documents = documents
        self.terms = terms
    }

    /// Columns of the range sample, l: never more than the matrix has.
    public var sampleWidth: Int { Swift.min(svd.rank + svd.oversamples, documents, terms) }

    /// How many range passes (`rangeShare` sums) come before the Gram pass.
    public var rangePasses: Int { svd.powerIterations + 1 }

    /// The first Q (terms x l, orthonormal columns).
    public func start() throws -> DenseMatrix {
        try svd.initialSample(rows: terms, width: sampleWidth)
    }

    /// A_pᵀ·(A_p·Q) for one block of rows, terms x l row by row (what the partitions' shares
    /// are summed as). `qRowMajor` is Q row by row (`q.transposed().values`).
    public static func rangeShare(of block: SparseMatrix, qRowMajor: UnsafeBufferPointer<Float>, width l: Int) -> [Float] {
        let z = projection(of: block, qRowMajor: qRowMajor, width: l)
        var share = [Float](repeating: 0, count: block.columns * l)
        z.withUnsafeBufferPointer { z in
            share.withUnsafeMutableBufferPointer { out in
                block.scatterTransposeProduct(rowMajor: z.baseAddress!, width: l, into: out.baseAddress!)
            }
        }
        return share
    }

    /// (A_p·Q)ᵀ·(A_p·Q) for one block of rows: l x l, column-major, in double.
    public static func gramShare(of block: SparseMatrix, qRowMajor: UnsafeBufferPointer<Float>, width l: Int) -> [Double] {
        let z = projection(of: block, qRowMajor: qRowMajor, width: l)
        return z.withUnsafeBufferPointer { RandomizedSVD.gram(rowMajor: $0.baseAddress!, rows: block.rows, columns: l) }
    }

    /// A_p·Q, rows x l row by row.
    static func projection(of block: SparseMatrix, qRowMajor: UnsafeBufferPointer<Float>, width l: Int) -> [Float] {
        precondition(qRowMajor.count == block.columns * l, "Q must be terms x l")
        var z = [Float](repeating: 0, count: block.rows * l)
        if block.rows > 0 {
            z.withUnsafeMutableBufferPointer { out in
                block.gatherProduct(x: qRowMajor.baseAddress!, width: l, into: out.baseAddress!, rowMajorOutput: true)
            }
        }
        return z
    }

    /// The next Q from the summed range shares (terms x l row by row): their QR.
    public func orthonormalize(rangeSum: [Float]) throws -> DenseMatrix {
        let l = sampleWidth
        guard rangeSum.count == terms * l else {
            throw ZhutiError(.numerical, "the summed range shares hold \(rangeSum.count) values, not \(terms) x \(l)")
        }
        var q = DenseMatrix(rows: l, columns: terms, values: rangeSum).transposed()
        try LAPACK.qr(&q)
        return q
    }

    /// σ (descending, `svd.rank` of them) and the term vectors V (terms x rank, column-major,
    /// orthonormal columns, signs normalised) from the summed Gram shares and the last Q.
    public func finish(gram: [Double], q: DenseMatrix) throws -> (singularValues: [Float], termVectors: DenseMatrix) {
        let l = sampleWidth
        guard gram.count == l * l, q.rows == terms, q.columns == l else {
            throw ZhutiError(.numerical, "the Gram matrix (\(gram.count) values) or Q (\(q.rows) x \(q.columns)) does not match \(terms) terms and a sample of \(l)")
        }
        guard gram.allSatisfy(\.isFinite) else {
            throw ZhutiError(.numerical, "the summed Gram matrix is not finite")
        }
        let (sigma, w, _) = try svd.coreFactors(gram: gram, width: l)
        var v = q
        try RandomizedSVD.multiplyInPlace(&v, by: w)
        var factors = RandomizedSVD.Factors(singularValues: sigma, small: v, large: FloatStorage(capacity: 0), documentsAreSmall: false)
        factors.normalizeSigns()
        return (factors.singularValues, factors.small)
    }
}
