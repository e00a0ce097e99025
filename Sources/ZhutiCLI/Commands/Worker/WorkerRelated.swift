import ArgumentParser
import Zhuti

/// `zhuti worker related`: stage 5 for `scripts/spark related` - the related articles of a
/// range of a model's documents, ranked (query expansion, canonical scores, ties by id) as
/// `zhuti related --all` ranks them. Headers and reprint flags are joined by the driver.
struct WorkerRelated: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "related",
        abstract: "Rank the related articles of a range of a model's documents.",
        discussion: "Prints {\"id\": ..., \"results\": [{\"id\", \"score\", \"cosine\"}]} per document, in document order."
    )

    @Option(help: ArgumentHelp("The model file.", valueName: "path"))
    var model: String

    @Option(help: ArgumentHelp("Document rows, as FIRST-END (end excluded).", valueName: "first-end"))
    var rows: String

    @Option(name: .short, help: "Related articles per article.")
    var k: Int = 10

    @OptionGroup var expansionOptions: ExpansionOptions

    struct Result: Encodable { var id: String, score: Float, cosine: Float }
    struct Line: Encodable { var id: String, results: [Result] }

    func run() throws {
        try reportingErrors {
            try RelatedFinder.validate(k: k)
            let expansion = try expansionOptions.resolved()
            let model = try LSAModel.load(path: self.model)
            let range = try WorkerRows.parse(rows, documents: model.documentCount)
            let index = SimilarityIndex(model: model)
            let ids = model.documentIDs
            for (offset, entries) in index.rankedForAll(k: k, expansion: expansion, rows: range).enumerated() {
                let query = range.lowerBound + offset
                let results = entries.map { entry in
                    Result(id: ids[entry.index], score: entry.score,
                           cosine: expansion == nil ? entry.score : index.cosine(query, entry.index))
                }
                print(try JSONOutput.encode(Line(id: ids[query], results: results)))
            }
        }
    }
}
