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
        guard dimensions >= 1 else { throw ZhutiError(.badOption, "\(ZhutiError.Parameter.dims) must be at least 1 (got \(dimensions))") }
        guard dimensions <= Self.maximumDimensions else { throw ZhutiError(.badOption, "\(ZhutiError.Parameter.dims) \(dimensions) is absurd for LSA; use 50-500") }
        guard (0...50).contains(oversamples), (0...20).contains(powerIterations) else {
            throw ZhutiError(.badOption, "oversamples must be 0-50 and power iterations 0-20")
        }
        guard (0...3).contains(singularValueExponent) else {
            throw ZhutiError(.badOption, "the singular value exponent must be between 0 and 3")
        }
        return checked
    }
}
