import Foundation

/// Latent semantic analysis: TF-IDF over character n-grams, reduced by truncated SVD.
///
/// Learning (`fit`) and applying (`foldIn`) are split as in scikit-learn: a fitted model
/// projects any text, so new issues become queryable without refitting. Document vectors
/// are `normalize(x V)` for a document's TF-IDF row `x` and term vectors `V` - the same
/// formula for corpus documents and folded-in text, so folding in a corpus document
/// reproduces its stored vector.
public final class LSAModel: Sendable {
    public let info: LSAModelInfo
    public let vectorizer: TfidfVectorizer
    public let singularValues: [Float]
    /// terms x dimensions, row-major: a term's latent vector is contiguous.
    public let termVectors: FloatStorage
    public let documentIDs: [String]
    /// documents x dimensions, row-major, each row L2-normalised.
    public let documentVectors: FloatStorage
    /// Each document's nearest other documents, kept so that query expansion of a stored
    /// article needs no search of its own (see `LSAModel+Neighbours.swift`); nil in models
    /// written before they existed, which then search for them per query.
    public let neighbourLists: NeighbourLists?
    let documentIndex: [String: Int]

    public var dimensions: Int { info.dimensions }
    public var documentCount: Int { documentIDs.count }

    init(info: LSAModelInfo, vectorizer: TfidfVectorizer, singularValues: [Float], termVectors: FloatStorage,
         documentIDs: [String], documentVectors: FloatStorage, neighbourLists: NeighbourLists? = nil) {
        precondition(neighbourLists == nil || neighbourLists!.indices.count == documentIDs.count * neighbourLists!.width)
        self.info = info
        self.vectorizer = vectorizer
        self.singularValues = singularValues
        self.termVectors = termVectors
        self.documentIDs = documentIDs
        self.documentVectors = documentVectors
        self.neighbourLists = neighbourLists
        var index: [String: Int] = [:]
        index.reserveCapacity(documentIDs.count)
        for (position, id) in documentIDs.enumerated() { index[id] = position }
        self.documentIndex = index
    }

    public func index(of id: String) -> Int? { documentIndex[id] }

    /// The stored unit vector of document `index`.
    public func documentVector(_ index: Int) -> [Float] {
        Array(documentVectors.buffer[(index * dimensions)..<((index + 1) * dimensions)])
    }
}
