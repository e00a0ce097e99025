import ArgumentParser
import Foundation
import Zhuti

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit an LSA model (character n-gram TF-IDF + truncated SVD) on the library.",
        discussion: """
            The model is written to <home>/models/NAME/model.zhuti, replacing any previous one
            atomically. The same library and options always give a byte-identical model.

            The defaults fit any library: without --dims, a library too small for 200
            dimensions gets as many as it supports (one line on stderr says so; the model
            records what it used); without --min-df/--max-df, a library of fewer than 4
            articles keeps every n-gram (the default bounds would keep none). Values given
            explicitly are used as given, or refused with exit 64 when the library cannot
            support them.

            Examples:
              zhuti build                         # 1-3 grams, 200 dimensions (fewer on a small library)
              zhuti build --dims 100 --name small
              zhuti build --ngrams 2-3 --min-df 3 --max-terms 200000
            """
    )

    @OptionGroup var home: HomeOptions

    @Option(help: ArgumentHelp("Model name.", valueName: "name"))
    var name: String = "default"

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

    @OptionGroup var progressOptions: ProgressOptions

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

    /// Peak resident memory so far (Linux VmHWM), for the progress lines.
    static func peakMemoryMB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }

    func run() throws {
        try reportingErrors {
            try ZhutiHome.validateModelName(name)
            _ = try parameters()  // absurd options fail before the library is read
            let library = try home.openLibrary()
            let started = Date()
            let reporter = progressOptions.reporter
            defer { reporter.finish() }
            let progress = reporter.callback.map { report in { (message: String) in report(message + " (\(Self.peakMemoryMB()) MB)") } }
            let path = home.resolved.modelPath(named: name)
            let lock = try ModelWriteLock(modelPath: path, waiting: { Terminal.progress("build: " + $0) })
            let model = try LSAModel.fit(library: library, capsDimensions: dims == nil, progress: progress) { articles in
                try parameters(articles: articles, note: { Terminal.progress($0) })
            }
            if dims == nil && model.dimensions < Self.defaultDimensions {
                Terminal.progress("build: \(model.dimensions) of the default \(Self.defaultDimensions) dimensions, the most this library supports (articles: \(model.documentCount), n-grams kept: \(model.info.termCount))")
            }
            progress?("build: writing \(path)")
            try model.write(to: path)
            withExtendedLifetime(lock) {}
            Terminal.progress(String(format: "build: model '%@' (%d articles, %d terms, %d dimensions) written to %@ in %.2f s",
                                     name, model.documentCount, model.info.termCount, model.dimensions, path,
                                     Date().timeIntervalSince(started)))
        }
    }
}
