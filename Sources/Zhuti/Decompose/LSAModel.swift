import Foundation

/// What a model was built with. Part of the model file, so `zhuti models` can show it and
/// a rebuild with the same parameters on the same library gives the same bytes.
public struct LSAParameters: Codable, Sendable, Equatable {
    public var vectorizer: VectorizerOptions
    public var dimensions: Int
    public var seed: UInt64
    public var oversamples: Int
    public var powerIterations: Int
    /// Document vectors are U·Σ^exponent: 1 is the classic x·V projection, 0 weighs every
    /// latent dimension alike, above 1 leans on the broad topics.
    public var singularValueExponent: Double
    /// Whether document vectors leave out the first latent dimension. In LSA of TF-IDF text
    /// it is the direction every article shares (the corpus-wide vocabulary: 的, 在, 中国 ...):
    /// it says nothing about what an article is about and pulls every cosine up alike.
    public var dropsCommonComponent: Bool

    /// The defaults were chosen on the labelled Sogou sample (precision@10 of neighbours
    /// sharing the query's category, BENCHMARKS.md): classic U·Σ with the first dimension
    /// 0.809, without it 0.815, and with Σ^1.5 0.822.
    public init(vectorizer: VectorizerOptions = VectorizerOptions(), dimensions: Int = 200, seed: UInt64 = 0,
                oversamples: Int = 10, powerIterations: Int = 4, singularValueExponent: Double = 1.5,
                dropsCommonComponent: Bool = true) {
        self.vectorizer = vectorizer
        self.dimensions = dimensions
        self.seed = seed
        self.oversamples = oversamples
        self.powerIterations = powerIterations
        self.singularValueExponent = singularValueExponent
        self.dropsCommonComponent = dropsCommonComponent
    }

    enum CodingKeys: String, CodingKey {
        case vectorizer, dimensions, seed, oversamples, powerIterations, singularValueExponent, dropsCommonComponent
    }

    /// Models written before these options existed used the classic projection (exponent 1,
    /// every dimension kept).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        vectorizer = try container.decode(VectorizerOptions.self, forKey: .vectorizer)
        dimensions = try container.decode(Int.self, forKey: .dimensions)
        seed = try container.decode(UInt64.self, forKey: .seed)
        oversamples = try container.decode(Int.self, forKey: .oversamples)
        powerIterations = try container.decode(Int.self, forKey: .powerIterations)
        singularValueExponent = try container.decodeIfPresent(Double.self, forKey: .singularValueExponent) ?? 1
        dropsCommonComponent = try container.decodeIfPresent(Bool.self, forKey: .dropsCommonComponent) ?? false
    }

    /// More latent dimensions than LSA ever needs: refused in options and in model files.
    public static let maximumDimensions = 2000

    public func validated() throws -> LSAParameters {
        var checked = self
        checked.vectorizer = try vectorizer.validated()
        guard dimensions >= 1 else { throw ZhutiError(.badOption, "--dims must be at least 1 (got \(dimensions))") }
        guard dimensions <= Self.maximumDimensions else { throw ZhutiError(.badOption, "--dims \(dimensions) is absurd for LSA; use 50-500") }
        guard (0...50).contains(oversamples), (0...20).contains(powerIterations) else {
            throw ZhutiError(.badOption, "oversamples must be 0-50 and power iterations 0-20")
        }
        guard (0...3).contains(singularValueExponent) else {
            throw ZhutiError(.badOption, "the singular value exponent must be between 0 and 3")
        }
        return checked
    }
}

/// Facts about a built model, stored in its META section.
public struct LSAModelInfo: Codable, Sendable, Equatable {
    public var formatVersion: Int
    public var parameters: LSAParameters
    public var documentCount: Int
    public var termCount: Int
    public var dimensions: Int
    public var nonZeros: Int
    /// Documents appended after the fit by folding in (`zhuti update`).
    public var foldedInCount: Int
    /// `ArticleLibrary.fingerprint()` at build time.
    public var corpusFingerprint: String
}

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
    private let documentIndex: [String: Int]

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

// MARK: - Fitting

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
            let which = matrix.rows <= matrix.columns ? "\(matrix.rows) documents" : "\(matrix.columns) terms kept by --min-df/--max-df"
            throw ZhutiError(.badOption, "--dims \(parameters.dimensions) is more than the \(which); use --dims \(Self.supportedDimensions(limit)) or fewer")
        }
        progress?("build: \(matrix.rows) documents x \(matrix.columns) terms, \(matrix.nonZeroCount) non-zeros")
        let factors = try RandomizedSVD(rank: parameters.dimensions, oversamples: parameters.oversamples,
                                        powerIterations: parameters.powerIterations, seed: parameters.seed)
            .factorize(matrix, progress: progress)
        let k = factors.singularValues.count
        // Term vectors V, terms x k row by row: the SVD's own buffer in the usual case.
        let termVectors = factors.documentsAreSmall ? factors.large : FloatStorage(factors.small.transposed().values)
        // Stored term vectors are V·Σ^(exponent-1), so every projection x·T gives U·Σ^exponent.
        if parameters.singularValueExponent != 1 {
            let scale = factors.singularValues.map { $0 > 0 ? Float(pow(Double($0), parameters.singularValueExponent - 1)) : 0 }
            let values = termVectors.mutableBaseAddress
            for term in 0..<(termVectors.buffer.count / k) {
                for d in 0..<k { values[term * k + d] *= scale[d] }
            }
        }
        let documentVectors = FloatStorage(capacity: matrix.rows * k)
        projectRows(matrix, termVectors: termVectors.buffer, width: k, dropsCommonComponent: parameters.dropsCommonComponent,
                    into: documentVectors.mutableBaseAddress)
        let info = LSAModelInfo(formatVersion: Int(ModelFile.version), parameters: parameters,
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

// MARK: - Clustering vectors

extension LSAModel {
    /// Document vectors re-weighted to U·Σ^`exponent` (unit rows), whatever exponent the
    /// model stores (`LSAParameters.singularValueExponent`); a dropped common dimension stays
    /// dropped. Themes cluster on the classic U·Σ, as they did before search moved to Σ^1.5:
    /// on the Sogou sample k-means NMI there is 0.59-0.63 over four seeds, as with the
    /// common dimension kept (0.59-0.63), and 0.57 on the Σ^1.5 vectors (seed 42).
    public func documentVectors(singularValueExponent exponent: Double) -> [Float] {
        var vectors = Array(documentVectors.buffer)
        let stored = info.parameters.singularValueExponent
        guard exponent != stored else { return vectors }
        let k = dimensions
        let scale = singularValues.map { $0 > 0 ? Float(pow(Double($0), exponent - stored)) : 0 }
        vectors.withUnsafeMutableBufferPointer { rows in
            for row in 0..<documentCount {
                let vector = UnsafeMutableBufferPointer(rebasing: rows[(row * k)..<((row + 1) * k)])
                for d in 0..<k { vector[d] *= scale[d] }
                normalizeInPlace(vector)
            }
        }
        return vectors
    }
}

// MARK: - Folding in

extension LSAModel {
    /// The unit latent vector of a TF-IDF row, or nil when the row shares no term with the
    /// model (nothing to compare).
    public func foldIn(indices: [Int32], values: [Float]) -> [Float]? {
        let k = dimensions
        var vector = [Float](repeating: 0, count: k)
        let terms = termVectors.buffer
        vector.withUnsafeMutableBufferPointer { out in
            for (term, weight) in zip(indices, values) {
                let base = Int(term) * k
                for d in 0..<k { out[d] += weight * terms[base + d] }
            }
        }
        let dropsCommonComponent = info.parameters.dropsCommonComponent
        return vector.withUnsafeMutableBufferPointer { Self.finishProjection($0, dropsCommonComponent: dropsCommonComponent) } ? vector : nil
    }

    /// Folds in normalised text (see `TextNormalizer`).
    public func foldIn(normalizedText text: String) -> [Float]? {
        let row = vectorizer.transform(text)
        return foldIn(indices: row.indices, values: row.values)
    }

    /// A model that also holds `ids` (folded in from their normalised texts), for articles
    /// ingested after the fit. Ids already in the model are replaced in place.
    public func appending(ids: [String], normalizedTexts: [String]) throws -> LSAModel {
        precondition(ids.count == normalizedTexts.count)
        let k = dimensions
        var allIDs = documentIDs
        var vectors = Array(documentVectors.buffer)
        var added = 0
        for (id, text) in zip(ids, normalizedTexts) {
            let vector = foldIn(normalizedText: text) ?? [Float](repeating: 0, count: k)
            if let existing = documentIndex[id] {
                vectors.replaceSubrange((existing * k)..<((existing + 1) * k), with: vector)
            } else {
                allIDs.append(id)
                vectors.append(contentsOf: vector)
                added += 1
            }
        }
        var info = info
        info.documentCount = allIDs.count
        info.foldedInCount += added
        let model = LSAModel(info: info, vectorizer: vectorizer, singularValues: singularValues, termVectors: termVectors,
                             documentIDs: allIDs, documentVectors: FloatStorage(vectors))
        guard let neighbourLists else { return model }
        // Replaced vectors may sit in any document's list: only a full search is exact then.
        return added == ids.count ? model.withNeighbourLists(extending: neighbourLists) : model.withNeighbourLists()
    }
}

/// Scales a vector to unit length; false (and left as is) when it is zero.
@discardableResult
func normalizeInPlace(_ vector: UnsafeMutableBufferPointer<Float>) -> Bool {
    var sum: Float = 0
    for x in vector { sum += x * x }
    guard sum > 0, sum.isFinite else { return false }
    let scale = 1 / sum.squareRoot()
    for i in vector.indices { vector[i] *= scale }
    return true
}

/// Float storage that is either owned memory (a freshly fitted model, filled in place) or a
/// view into a memory-mapped model file, which it keeps alive.
public final class FloatStorage: @unchecked Sendable {
    // @unchecked: owned memory is written only while the model is being built, before the
    // storage is shared; mapped memory is never written.
    public private(set) var buffer: UnsafeBufferPointer<Float>
    private let owner: AnyObject?
    private let allocated: UnsafeMutableBufferPointer<Float>?

    public convenience init(_ values: [Float]) {
        self.init(capacity: values.count)
        _ = allocated!.initialize(from: values)
    }

    /// Zeroed owned memory of `capacity` floats.
    init(capacity: Int) {
        let memory = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(capacity, 1))
        memory.initialize(repeating: 0)
        buffer = UnsafeBufferPointer(rebasing: memory[0..<capacity])
        allocated = memory
        owner = nil
    }

    public init(mapped buffer: UnsafeBufferPointer<Float>, owner: AnyObject) {
        self.buffer = buffer
        self.owner = owner
        allocated = nil
    }

    /// Owned memory, for filling during a build.
    var mutableBaseAddress: UnsafeMutablePointer<Float> { allocated!.baseAddress! }

    /// Keeps only the first `count` floats visible (the memory stays allocated).
    func shrink(to count: Int) {
        precondition(count <= buffer.count)
        buffer = UnsafeBufferPointer(rebasing: buffer[0..<count])
    }

    deinit { allocated?.deallocate() }
}
