import ArgumentParser
import Foundation
import Zhuti

struct Themes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cluster the articles into campaign themes and show how each runs across issues.",
        discussion: """
            Spherical k-means (k-means++ seeding, several seeded restarts) on the model's unit
            document vectors. Each theme gets a label made of the terms its articles use
            (2-10 characters, verbatim; formulas every kind of story uses are never labels),
            its size, first/last/peak issue, a per-issue timeline (count and share of the
            issue's articles) and its most representative articles. Articles that fit no theme
            are listed as unassigned with their nearest theme.

            Across papers: for each theme, the paper that carried it first, and per paper its
            first issue, peak issue and share, and its lag in days behind the first paper
            (JSON "papers" and "leadPaper", a "papers:" line in text, a "paper" column in CSV,
            and one heatmap row per paper when the issues come from more than one paper).

            --k auto picks the number of themes with the best mean cosine silhouette (on a
            seeded sample of at most 2,000 articles, k from 2 to min(30, articles / 3)). A small
            library (fewer articles than twice the model's dimensions) is clustered in its
            leading max(8, articles / 5) dimensions.

            Examples:
              zhuti themes
              zhuti themes --k 12 --format json > themes.json
              zhuti themes --svg themes.svg --format csv > themes.csv
            """
    )

    @OptionGroup var home: HomeOptions
    @OptionGroup var model: ModelOptions

    @Option(help: ArgumentHelp("Number of themes, or auto.", valueName: "auto|N"))
    var k: ThemeCount = .auto

    @Option(name: .customLong("min-size"), help: "Smallest theme kept; smaller clusters become unassigned (default: 2, or 0.5% of the articles for large archives).")
    var minSize: Int?

    @Option(help: "Seed of the clustering.")
    var seed: UInt64 = 42

    @Option(help: OutputFormat.help)
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("Also write a themes x issues heatmap to this SVG file.", valueName: "file"))
    var svg: String?

    @OptionGroup var progressOptions: ProgressOptions


    func run() throws {
        try reportingErrors {
            let library = try home.openLibrary()
            let lsa = try model.load(home: home.resolved)
            let count = k
            try count.validate(articleCount: lsa.documentCount)  // a bad --k is one line, before any progress
            let reporter = progressOptions.reporter
            let (report, articles) = try ThemeReportBuilder.build(model: lsa, library: library, k: count,
                                                                  minSize: minSize, seed: seed, progress: reporter.callback)
            reporter.finish()
            if report.themes.isEmpty {
                Terminal.progress("themes: no theme found among the \(report.articleCount) articles (a small library may hold none; --k N --min-size 1 forces some)")
            }
            if let svg {
                let issues = ThemeTimeline.issues(of: articles).map { (id: $0.id, date: $0.date) }
                try AtomicFileSink.write(Array(ThemeHeatmapSVG.render(report, issues: issues).utf8), to: svg)
                Terminal.progress("themes: heatmap written to \(svg)")
            }
            switch format {
            case .json: Terminal.write(try report.renderJSON())
            case .jsonl: for theme in report.themes { Terminal.write(try JSONOutput.encode(theme)) }  // unassigned: in json
            case .csv: Terminal.writeRaw(report.renderCSV())
            case .text: Terminal.writeRaw(report.renderText())
            }
            Terminal.flush()
        }
    }
}
