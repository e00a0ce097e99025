/// The choices that shape a TF-IDF vocabulary. Stored with a model so that a rebuilt
/// vectorizer weighs text exactly as the one that was fitted.
public struct VectorizerOptions: Sendable, Codable, Equatable {
    /// Shortest and longest n-gram, counted in units (see `NGramTokenizer`).
    public var minN: Int = 1
    public var maxN: Int = 3
    /// Keep only n-grams that occur in at least this many documents.
    public var minDF: Int = 2
    /// Keep only n-grams that occur in at most this fraction of the documents.
    public var maxDF: Double = 0.5
    /// Keep at most this many n-grams (the highest document frequencies); nil keeps all.
    /// 200,000 by default: the term side's matrices (terms x dimensions) are the largest in a
    /// build and in the model file, and on the Sogou sample precision@10 is the same at
    /// 150,000, 200,000, 300,000 and all 756,000 kept n-grams (0.808-0.809).
    public var maxTerms: Int? = 200_000

    /// The longest n-gram the engine accepts. Longer n-grams add little to LSA on Chinese
    /// text and multiply the counting work, so larger values are refused rather than slow.
    public static let longestSupportedN = 5

    public init(minN: Int = 1, maxN: Int = 3, minDF: Int = 2, maxDF: Double = 0.5, maxTerms: Int? = 200_000) {
        self.minN = minN
        self.maxN = maxN
        self.minDF = minDF
        self.maxDF = maxDF
        self.maxTerms = maxTerms
    }

    /// Returns the options unchanged when every value is usable, else throws
    /// `ZhutiError(.badOption)` whose message names the command-line option.
    public func validated() throws -> VectorizerOptions {
        if minN < 1 {
            throw ZhutiError(.badOption, "\(ZhutiError.Parameter.ngrams) \(minN)-\(maxN): the lower bound must be at least 1")
        }
        if maxN < minN {
            throw ZhutiError(.badOption, "\(ZhutiError.Parameter.ngrams) \(minN)-\(maxN): the lower bound exceeds the upper")
        }
        if maxN > Self.longestSupportedN {
            throw ZhutiError(.badOption, "\(ZhutiError.Parameter.ngrams) \(minN)-\(maxN): n-grams longer than \(Self.longestSupportedN) are not supported")
        }
        if minDF < 1 {
            throw ZhutiError(.badOption, "\(ZhutiError.Parameter.minDF) \(minDF): must be at least 1 document")
        }
        // Written as a negated range test so that NaN is refused too.
        if !(maxDF > 0 && maxDF <= 1) {
            throw ZhutiError(.badOption, "\(ZhutiError.Parameter.maxDF) \(maxDF): must be a fraction of the documents in (0, 1]")
        }
        if let maxTerms, maxTerms < 1 {
            throw ZhutiError(.badOption, "\(ZhutiError.Parameter.maxTerms) \(maxTerms): must be at least 1")
        }
        return self
    }
}
