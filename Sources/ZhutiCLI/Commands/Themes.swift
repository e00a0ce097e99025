import ArgumentParser
import Foundation
import Zhuti

struct Themes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cluster the articles into campaign themes and show how each runs across issues.",
        discussion: """
            Spherical k-means (k-means++ seeding, several seeded restarts) on the model's unit
            document vectors. Each theme gets a label made of real phrases from its articles,
            its size, first/last/peak issue, a per-issue timeline (count and share of the
            issue's articles) and its most representative articles. Articles that fit no theme
            are listed as unassigned with their nearest theme.

            --k auto picks the number of themes with the best mean cosine silhouette (on a
            seeded sample of at most 2,000 articles, k from 2 to 30).

            Examples:
              zhuti themes
              zhuti themes --k 12 --format json > themes.json
              zhuti themes --svg themes.svg --format csv > themes.csv
            """
    )

    @OptionGroup var home: HomeOptions
    @OptionGroup var model: ModelOptions

    @Option(help: ArgumentHelp("Number of themes, or auto.", valueName: "auto|N"))
    var k: String = "auto"

    @Option(name: .customLong("min-size"), help: "Smallest theme kept; smaller clusters become unassigned (default: 2, or 0.5% of the articles for large archives).")
    var minSize: Int?

    @Option(help: "Seed of the clustering.")
    var seed: UInt64 = 42

    @Option(help: OutputFormat.help)
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("Also write a themes x issues heatmap to this SVG file.", valueName: "file"))
    var svg: String?

    func themeCount() throws -> ThemeCount {
        if k == "auto" { return .auto }
        guard let value = Int(k) else { throw ZhutiError(.badOption, "--k '\(k)' must be a number or auto") }
        return .fixed(value)
    }

    func run() throws {
        try reportingErrors {
            let library = try home.openLibrary()
            let lsa = try model.load(home: home.resolved)
            let (report, articles) = try ThemeReportBuilder.build(model: lsa, library: library, k: try themeCount(),
                                                                  minSize: minSize, seed: seed)
            if report.themes.isEmpty {
                Terminal.progress("themes: no theme found among the \(report.articleCount) articles (a small library may hold none; --k N --min-size 1 forces some)")
            }
            if let svg {
                let issues = ThemeTimeline.issues(of: articles).map { (id: $0.id, date: $0.date) }
                try AtomicFileSink.write(Array(ThemeHeatmapSVG.render(report, issues: issues).utf8), to: svg)
                Terminal.progress("themes: heatmap written to \(svg)")
            }
            switch format {
            case .json: Terminal.write(report.renderJSON())
            case .jsonl: for theme in report.themes { Terminal.write(try JSONOutput.encode(theme)) }  // unassigned: in json
            case .csv: Terminal.writeRaw(report.renderCSV())
            case .text: Terminal.writeRaw(report.renderText())
            }
            Terminal.flush()
        }
    }
}

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

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a model against the labels carried by ingested JSONL articles.",
        discussion: """
            For articles ingested with a "label": NMI and ARI of the themes (k = number of
            labels unless --k is given; unassigned articles count in their nearest theme)
            against the labels, and precision@10 of related articles (share of each article's
            10 related articles, ranked as `zhuti related` ranks them, with the same label).

            Example:
              zhuti ingest labelled.jsonl && zhuti build && zhuti eval --labels
            """
    )

    @OptionGroup var home: HomeOptions
    @OptionGroup var model: ModelOptions

    @Flag(help: "Evaluate against the articles' labels.")
    var labels = false

    @Option(help: "Number of themes (default: the number of distinct labels).")
    var k: Int?

    @Option(help: "Seed of the clustering.")
    var seed: UInt64 = 42

    @OptionGroup var ranking: ExpansionOptions

    @Option(help: OutputFormat.help)
    var format: OutputFormat = .text

    func run() throws {
        try reportingErrors {
            guard labels else { throw ZhutiError(.badOption, "nothing to evaluate: pass --labels") }
            let library = try home.openLibrary()
            let lsa = try model.load(home: home.resolved)
            let evaluation = try LabelEvaluation.run(model: lsa, library: library, k: k, seed: seed, expansion: try ranking.resolved())
            if format == .json || format == .jsonl {
                Terminal.write(try JSONOutput.encode(evaluation))
            } else if format == .csv {
                Terminal.writeRaw(Listing.csvLine(["metric", "value"]))
                for (metric, value) in [("labelled_articles", String(evaluation.labelledArticles)), ("labels", String(evaluation.labels)),
                                        ("k", String(evaluation.k)), ("nmi", String(evaluation.nmi)), ("ari", String(evaluation.ari)),
                                        ("precision_at_10", String(evaluation.precisionAt10))] {
                    Terminal.writeRaw(Listing.csvLine([metric, value]))
                }
            } else {
                Terminal.write("articles with labels: \(evaluation.labelledArticles) (\(evaluation.labels) labels), themes k = \(evaluation.k)")
                Terminal.write(String(format: "NMI            %.4f", evaluation.nmi))
                Terminal.write(String(format: "ARI            %.4f", evaluation.ari))
                Terminal.write(String(format: "precision@10   %.4f", evaluation.precisionAt10))
            }
            Terminal.flush()
        }
    }
}

extension Comparable {
    func clamped(_ low: Self, _ high: Self) -> Self { min(max(self, low), high) }
}

