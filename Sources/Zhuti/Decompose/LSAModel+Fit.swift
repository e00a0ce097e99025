import Foundation

extension LSAModel {
    /// Fits a model on documents streamed twice from `documents` (normalised texts) whose ids
    /// are `ids`, in the same order.
    ///
    /// With `capsDimensions` (a default the user did not choose), more dimensions than the
    /// corpus supports are lowered to what it supports instead of refused, and the model
    /// records the dimensions it used.
    public static func fit(documents: some DocumentStream, ids: [String], parameters: LSAParameters,
                           corpusFingerprint: String, capsDimensions: Bool = false,
                           progress: ((String) -> Void)? = nil) throws -> LSAModel {
        var parameters = try parameters.validated()
        guard !ids.isEmpty else {
            throw ZhutiError(.badInput, "the library has no articles; run `zhuti ingest PATH...` first")
        }
        let (vectorizer, matrix) = try TfidfVectorizer.fit(documents, options: parameters.vectorizer, progress: progress)
        guard matrix.rows == ids.count else {
            throw ZhutiError(.io, "the library changed while the model was being built (\(matrix.rows) documents read, \(ids.count) expected); run `zhuti build` again")
        }
        let limit = min(matrix.rows, matrix.columns)
        if capsDimensions { parameters.dimensions = min(parameters.dimensions, Self.supportedDimensions(limit)) }
        guard parameters.dimensions <= limit else {
            let which = matrix.rows <= matrix.columns ? "\(matrix.rows) documents" : "\(matrix.columns) terms kept by \(ZhutiError.Parameter.minDF)/\(ZhutiError.Parameter.maxDF)"
            throw ZhutiError(.badOption, "\(ZhutiError.Parameter.dims) \(parameters.dimensions) is more than the \(which); use \(ZhutiError.Parameter.dims) \(Self.supportedDimensions(limit)) or fewer")
        }
        progress?("build: \(matrix.rows) documents x \(matrix.columns) terms, \(matrix.nonZeroCount) non-zeros")
        let factors = try RandomizedSVD(rank: parameters.dimensions, oversamples: parameters.oversamples,
                                        powerIterations: parameters.powerIterations, seed: parameters.seed)
            .factorize(matrix, progress: progress)
        let k = factors.singularValues.count
        // Term vectors V, terms x k row by row: the SVD's own buffer in the usual case.
        let termVectors = factors.documentsAreSmall ? factors.large : FloatStorage(factors.small.transposed().values)
        scaleTermVectors(termVectors, singularValues: factors.singularValues, exponent: parameters.singularValueExponent)
        let documentVectors = FloatStorage(capacity: matrix.rows * k)
        projectRows(matrix, termVectors: termVectors.buffer, width: k, dropsCommonComponent: parameters.dropsCommonComponent,
                    into: documentVectors.mutableBaseAddress)
        let info = LSAModelInfo(formatVersion: LSAModelInfo.currentFormatVersion, parameters: parameters,
                                documentCount: ids.count, termCount: matrix.columns, dimensions: k,
                                nonZeros: matrix.nonZeroCount, foldedInCount: 0, corpusFingerprint: corpusFingerprint)
        progress?("build: nearest neighbours of every document (for query expansion)")
        return LSAModel(info: info, vectorizer: vectorizer, singularValues: factors.singularValues,
                        termVectors: termVectors, documentIDs: ids, documentVectors: documentVectors)
            .withNeighbourLists()
    }

    /// The dimensions a corpus of rank at most `limit` (min of documents and kept terms)
    /// supports: one fewer than its rank (the last direction of a full-rank factorization is
    /// noise), at least one.
    public static func supportedDimensions(_ limit: Int) -> Int { max(1, limit - 1) }

    /// Stored term vectors are V·Σ^(exponent-1), so every projection x·T gives U·Σ^exponent.
    /// `termVectors` is V, terms x k row by row, scaled in place.
    static func scaleTermVectors(_ termVectors: FloatStorage, singularValues: [Float], exponent: Double) {
        let k = singularValues.count
        guard exponent != 1, k > 0 else { return }
        let scale = singularValues.map { $0 > 0 ? Float(pow(Double($0), exponent - 1)) : 0 }
        let values = termVectors.mutableBaseAddress
        for term in 0..<(termVectors.buffer.count / k) {
            for d in 0..<k { values[term * k + d] *= scale[d] }
        }
    }

    /// normalize(X T) for every row of X, row by row into `output` (rows x k).
    static func projectRows(_ matrix: SparseMatrix, termVectors v: UnsafeBufferPointer<Float>, width k: Int,
                            dropsCommonComponent: Bool, into output: UnsafeMutablePointer<Float>) {
        matrix.gatherProduct(x: v.baseAddress!, width: k, into: output, rowMajorOutput: true)
        for row in 0..<matrix.rows {
            finishProjection(UnsafeMutableBufferPointer(start: output + row * k, count: k), dropsCommonComponent: dropsCommonComponent)
        }
    }

    /// The last step of every projection, at build and fold-in alike: the common dimension
    /// left out when the model drops it (not with a single dimension), then unit length.
    /// False when nothing is left (the vector stays zero).
    @discardableResult
    static func finishProjection(_ vector: UnsafeMutableBufferPointer<Float>, dropsCommonComponent: Bool) -> Bool {
        if dropsCommonComponent && vector.count > 1 { vector[0] = 0 }
        return normalizeInPlace(vector)
    }
}
