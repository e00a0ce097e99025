import ArgumentParser
import Foundation
import Zhuti

struct Track: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Follow how strongly each issue covers a phrase or text over time.",
        discussion: """
            The query is folded into the model and compared with every article; per issue Zhuti
            reports how many articles match (cosine >= --threshold), their share of the issue,
            the mean of the best scores and the best article. Use it for campaigns the
            clustering did not isolate.

            Examples:
              zhuti track "巡视整改"
              zhuti track "生态环境保护 长江大保护" --format csv > ecology.csv
            """
    )

    @OptionGroup var home: HomeOptions
    @OptionGroup var model: ModelOptions

    @Argument(help: "A phrase or text to follow.")
    var query: String

    @Option(help: "Cosine at which an article counts as covering the query.")
    var threshold: Float = 0.3

    @Option(help: "How many of an issue's best scores to average.")
    var top: Int = 3

    @Option(help: OutputFormat.help)
    var format: OutputFormat = .text

    func run() throws {
        try reportingErrors {
            guard (-1...1).contains(threshold) else { throw ZhutiError(.badOption, "--threshold must be between -1 and 1") }
            guard top >= 1 else { throw ZhutiError(.badOption, "--top must be at least 1") }
            let library = try home.openLibrary()
            let lsa = try model.load(home: home.resolved)
            let normalized = TextNormalizer.normalize(query)
            guard !normalized.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ZhutiError(.badInput, "the query is empty")
            }
            guard let vector = lsa.foldIn(normalizedText: normalized) else {
                throw ZhutiError(.badInput, "the query shares no n-gram with the model's vocabulary; nothing to track")
            }
            let articles = try ThemeArticle.load(for: lsa, from: library, withText: false)  // tracking reads scores, not texts
            let scores = SimilarityIndex(model: lsa).scores(to: vector)
            let report = try ThemeTracker.track(query: query, scores: scores, articles: articles, threshold: threshold, top: top)
            // json: the whole report; jsonl and csv: one issue per line.
            if format == .json {
                Terminal.write(try JSONOutput.encode(report))
                Terminal.flush()
                return
            }
            if format == .text { Terminal.write("coverage of “\(query)” (articles with cosine >= \(threshold))") }
            var listing = Listing(format: format, csvHeader: ["issue", "date", "articles", "matches", "share", "mean_top", "max", "best"])
            for point in report.issues {
                let bar = String(repeating: "█", count: Int((point.meanTop * 30).rounded()).clamped(0, 30))
                try listing.row(
                    json: try JSONOutput.encode(point),
                    csv: [point.issue, point.date ?? "", String(point.articles), String(point.matches), String(format: "%.4f", point.share),
                          String(format: "%.4f", point.meanTop), String(format: "%.4f", point.max), point.best],
                    text: String(format: "%@  %@  %3d/%-3d  mean-top %.3f  ", point.date ?? "undated", point.issue,
                                 point.matches, point.articles, point.meanTop) + bar)
            }
            listing.finish()
        }
    }
}
