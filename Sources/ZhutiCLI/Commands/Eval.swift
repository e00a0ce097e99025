import ArgumentParser
import Foundation
import Zhuti

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
