import Foundation

/// A model before it has documents: the vectorizer and, once the SVD is done, σ and the term
/// vectors. A cluster builds it on the driver in two steps (vocabulary, then SVD) and ships it
/// to every partition, which projects its own documents with `project`, the projection `fit`
/// applies to every document; `LSAModel.assembled` then joins it with the document vectors.
public struct LSABasis: Sendable {
    public let parameters: LSAParameters
    public let vectorizer: TfidfVectorizer
    /// Empty until the SVD is done.
    public let singularValues: [Float]
    /// terms x dimensions row by row, V·Σ^(exponent-1) as `fit` stores them; empty until the SVD is done.
    public let termVectors: FloatStorage

    public var dimensions: Int { singularValues.count }
    public var hasFactors: Bool { !singularValues.isEmpty }

    /// The vocabulary alone.
    public init(parameters: LSAParameters, vectorizer: TfidfVectorizer) {
        self.init(parameters: parameters, vectorizer: vectorizer, singularValues: [], termVectors: FloatStorage(capacity: 0))
    }

    init(parameters: LSAParameters, vectorizer: TfidfVectorizer, singularValues: [Float], termVectors: FloatStorage) {
        self.parameters = parameters
        self.vectorizer = vectorizer
        self.singularValues = singularValues
        self.termVectors = termVectors
    }

    /// The SVD this basis's parameters ask for, over its corpus and vocabulary.
    public func partitionedSVD() throws -> PartitionedSVD {
        try PartitionedSVD(RandomizedSVD(rank: parameters.dimensions, oversamples: parameters.oversamples,
                                         powerIterations: parameters.powerIterations, seed: parameters.seed),
                           documents: vectorizer.vocabulary.documentCount, terms: vectorizer.vocabulary.count)
    }

    /// This vocabulary with the SVD's σ and term side V (terms x rank, column-major), the term
    /// vectors scaled as `fit` scales them.
    public func withFactors(singularValues: [Float], v: DenseMatrix) throws -> LSABasis {
        guard v.rows == vectorizer.vocabulary.count, v.columns == singularValues.count, !singularValues.isEmpty else {
            throw ZhutiError(.numerical, "term vectors of \(v.rows) x \(v.columns) do not fit \(vectorizer.vocabulary.count) terms and \(singularValues.count) singular values")
        }
        let termVectors = FloatStorage(v.transposed().values)
        LSAModel.scaleTermVectors(termVectors, singularValues: singularValues, exponent: parameters.singularValueExponent)
        return LSABasis(parameters: parameters, vectorizer: vectorizer, singularValues: singularValues, termVectors: termVectors)
    }

    /// The unit vectors (rows x dimensions, row by row) of normalised `texts`, as `fit` gives
    /// the same documents, and the non-zeros of each one's TF-IDF row (the model's n-grams
    /// it contains; 0 leaves a zero vector).
    public func project(_ texts: [String]) throws -> (vectors: [Float], nonZeros: [Int32]) {
        guard hasFactors else { throw ZhutiError(.badInput, "the basis has no term vectors yet; run the SVD first") }
        let k = dimensions
        let matrix = vectorizer.transform(texts)
        let output = FloatStorage(capacity: matrix.rows * k)
        LSAModel.projectRows(matrix, termVectors: termVectors.buffer, width: k,
                             dropsCommonComponent: parameters.dropsCommonComponent, into: output.mutableBaseAddress)
        let counts = (0..<matrix.rows).map { Int32(matrix.rowStarts[$0 + 1] - matrix.rowStarts[$0]) }
        return (Array(output.buffer), counts)
    }
}

extension LSAModel {
    /// The model whose documents are `documentIDs` with `documentVectors` (documents x
    /// dimensions row by row, from `basis.project`), as `fit` would have made it from the
    /// same documents. Its neighbour lists are `neighbourLists` when given (found where the
    /// documents are, per partition, with `neighbourListRows`), else found here when
    /// `findsNeighbourLists`, else left out.
    public static func assembled(basis: LSABasis, documentIDs: [String], documentVectors: [Float], nonZeros: Int,
                                 corpusFingerprint: String, neighbourLists: NeighbourLists? = nil,
                                 findsNeighbourLists: Bool = true) throws -> LSAModel {
        let k = basis.dimensions
        guard basis.hasFactors, documentVectors.count == documentIDs.count * k, !documentIDs.isEmpty else {
            throw ZhutiError(.badInput, "\(documentVectors.count) vector values do not make \(documentIDs.count) documents of \(k) dimensions")
        }
        guard Set(documentIDs).count == documentIDs.count else {
            throw ZhutiError(.badInput, "an article id is listed twice")
        }
        if let neighbourLists, neighbourLists.indices.count != documentIDs.count * neighbourLists.width
            || !neighbourLists.indices.allSatisfy({ $0 >= -1 && Int($0) < documentIDs.count }) {
            throw ZhutiError(.badInput, "the neighbour lists do not fit \(documentIDs.count) documents")
        }
        let info = LSAModelInfo(formatVersion: LSAModelInfo.currentFormatVersion, parameters: basis.parameters,
                                documentCount: documentIDs.count, termCount: basis.vectorizer.vocabulary.count, dimensions: k,
                                nonZeros: nonZeros, foldedInCount: 0, corpusFingerprint: corpusFingerprint)
        let model = LSAModel(info: info, vectorizer: basis.vectorizer, singularValues: basis.singularValues,
                             termVectors: basis.termVectors, documentIDs: documentIDs,
                             documentVectors: FloatStorage(documentVectors), neighbourLists: neighbourLists)
        return neighbourLists == nil && findsNeighbourLists ? model.withNeighbourLists() : model
    }
}
