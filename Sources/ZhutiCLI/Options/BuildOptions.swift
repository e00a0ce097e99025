import ArgumentParser
import Zhuti

/// The options of `zhuti build` that shape a model: shared with the cluster's vocabulary step
/// (`zhuti worker vocabulary`), so `scripts/spark build` takes them as written for `zhuti build`.
struct BuildOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Character n-gram lengths, as MIN-MAX (or a single N).", valueName: "min-max"))
    var ngrams: String = "1-3"

    @Option(help: "Latent dimensions (topics) to keep, fewer than the articles [default: 200, capped at what the library supports].")
    var dims: Int?

    @Option(name: .customLong("min-df"), help: "Drop n-grams found in fewer than this many articles [default: 2; 1 below 4 articles].")
    var minDF: Int?

    @Option(name: .customLong("max-df"), help: "Drop n-grams found in more than this fraction of articles (0-1] [default: 0.5; 1 below 4 articles].")
    var maxDF: Double?

    @Option(name: .customLong("max-terms"), help: "Keep at most this many n-grams (the most frequent); 0 = no limit.")
    var maxTerms: Int = 200_000

    @Option(help: "Seed of the randomized SVD.")
    var seed: UInt64 = 0

    @Option(name: .customLong("power-iterations"), help: "Power iterations of the randomized SVD (more: closer to the exact SVD, slower).")
    var powerIterations: Int = 4

    @Option(name: .customLong("sigma-exponent"),
            help: "Document vectors are U·Σ^e: 1 = classic LSA projection, 0 = all dimensions weigh alike, 1.5 (default) leans on broad topics.")
    var sigmaExponent: Double = LSAParameters().singularValueExponent

    @Flag(help: "Keep the first latent dimension (the vocabulary every article shares) in document vectors; by default it is left out.")
    var keepCommonComponent = false

    /// The parameters for a library of `articles` articles: the df defaults where the user
    /// gave no bounds (with a note when the library is too small for them).
    func parameters(articles: Int = .max, note: (String) -> Void = { _ in }) throws -> LSAParameters {
        let bounds = ngrams.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...2).contains(bounds.count), let low = bounds.first ?? nil, let high = bounds.last ?? nil else {
            throw ZhutiError(.badOption, "--ngrams '\(ngrams)' must look like 1-3 or 2")
        }
        guard low <= high else {
            throw ZhutiError(.badOption, "--ngrams \(ngrams): the lower bound exceeds the upper; did you mean \(high)-\(low)?")
        }
        guard maxTerms >= 0 else { throw ZhutiError(.badOption, "--max-terms must be 0 (no limit) or positive") }
        let defaults = VectorizerOptions()
        var minDF = minDF ?? defaults.minDF, maxDF = maxDF ?? defaults.maxDF
        // min-df 2 and max-df 0.5 together need 4 articles: on 1-3 no n-gram passes both.
        if self.minDF == nil && self.maxDF == nil && articles < Self.smallestLibraryForDFBounds {
            minDF = 1
            maxDF = 1
            note("build: \(articles) article\(articles == 1 ? "" : "s"): keeping every n-gram (--min-df 1 --max-df 1); the default bounds need at least \(Self.smallestLibraryForDFBounds) articles")
        }
        let vectorizer = VectorizerOptions(minN: low, maxN: high, minDF: minDF, maxDF: maxDF,
                                           maxTerms: maxTerms == 0 ? nil : maxTerms)
        return try LSAParameters(vectorizer: vectorizer, dimensions: dims ?? Self.defaultDimensions, seed: seed, powerIterations: powerIterations,
                                     singularValueExponent: sigmaExponent,
                                     dropsCommonComponent: !keepCommonComponent).validated()
    }

    static let defaultDimensions = LSAParameters().dimensions
    static let smallestLibraryForDFBounds = 4

}
