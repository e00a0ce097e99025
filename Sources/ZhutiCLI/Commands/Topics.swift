import ArgumentParser
import Foundation
import Zhuti

struct Topics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the model's latent dimensions with their strongest terms on each side.",
        discussion: """
            Each dimension is a direction in the LSA space; its positive and negative ends often read as two opposed topics. \
            The model weighs character n-grams (项目建, 招商引); each is shown as the whole term it stands for in the \
            articles furthest along that end (项目建设, 招商引资), and left out when it is part of no whole term. \
            --ngrams shows the model's n-grams as they are.
            """)

    @OptionGroup var home: HomeOptions
    @OptionGroup var model: ModelOptions

    @Option(help: "Terms to show on each side.")
    var terms: Int = 12

    @Flag(help: "Show the model's n-grams as they load, not the whole terms they stand for.")
    var ngrams = false

    @Option(help: "Show only the first N dimensions (0 = all).")
    var limit: Int = 0

    @Option(help: OutputFormat.help)
    var format: OutputFormat = .text

    func run() throws {
        try reportingErrors {
            guard (1...200).contains(terms) else { throw ZhutiError(.badOption, "--terms must be 1-200") }
            let lsa = try model.load(home: home.resolved)
            let topics: [LatentTopic]
            if ngrams {
                topics = LatentTopics.describe(lsa, terms: terms, limit: limit == 0 ? nil : limit)
            } else {
                let library = try home.openLibrary()
                topics = try LatentTopics.describeInTerms(lsa, terms: terms, limit: limit == 0 ? nil : limit) { ids in
                    try library.normalizedTexts(ids: ids)
                }
            }
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
