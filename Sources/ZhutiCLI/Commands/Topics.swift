import ArgumentParser
import Foundation
import Zhuti

struct Topics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the model's latent dimensions with their strongest n-grams on each side.",
        discussion: "Each dimension is a direction in the LSA space; its positive and negative ends often read as two opposed topics.")

    @OptionGroup var home: HomeOptions
    @OptionGroup var model: ModelOptions

    @Option(help: "N-grams to show on each side.")
    var terms: Int = 12

    @Option(help: "Show only the first N dimensions (0 = all).")
    var limit: Int = 0

    @Option(help: OutputFormat.help)
    var format: OutputFormat = .text

    func run() throws {
        try reportingErrors {
            guard (1...200).contains(terms) else { throw ZhutiError(.badOption, "--terms must be 1-200") }
            let lsa = try model.load(home: home.resolved)
            let topics = LatentTopics.describe(lsa, terms: terms, limit: limit == 0 ? nil : limit)
            // CSV: one row per n-gram (dimension, its side, its rank there).
            var listing = Listing(format: format, csvHeader: ["dimension", "singular_value", "side", "rank", "term"])
            for topic in topics {
                if format == .csv {
                    for (side, list) in [("+", topic.positive), ("-", topic.negative)] {
                        for (rank, term) in list.enumerated() {
                            listing.row(json: "", csv: [String(topic.dimension + 1), String(topic.singularValue), side, String(rank + 1), term],
                                        text: nil)
                        }
                    }
                    continue
                }
                try listing.row(json: try JSONOutput.encode(topic), csv: [],
                                text: String(format: "#%d  σ=%.3f", topic.dimension + 1, topic.singularValue)
                                    + "\n  + " + topic.positive.joined(separator: " ") + "\n  - " + topic.negative.joined(separator: " "))
            }
            listing.finish()
        }
    }
}
