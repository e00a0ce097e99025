import ArgumentParser
import Foundation
import Zhuti

/// `zhuti worker cells STEP`: approximate related articles (`InvertedCells`) for archives
/// past an exact all-pairs search. The driver trains the cells; partitions file their rows
/// in cells, search each cell's queries against its documents, and merge each query's lists.
struct WorkerCells: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cells",
        abstract: "One step of the approximate (IVF) search over partitions.",
        discussion: """
            train   (driver)     model -> centroids, cells x K float32 .npy
            assign  (partition)  model, centroids, --rows -> {"row", "home", "probes"} lines
            search  (partition)  {"cell", "queries", "candidates"} lines -> {"cell", "lists": [{"row", "results"}]}
            merge   (partition)  {"row", "lists"} lines -> {"id", "results": [{"id", "score", "cosine"}]},
                                 as `zhuti worker related` prints them
            """
    )

    enum Step: String, ExpressibleByArgument, CaseIterable {
        case train, assign, search, merge
    }

    @Argument(help: "train, assign, search or merge.")
    var step: Step

    @Option(help: ArgumentHelp("The model file.", valueName: "path"))
    var model: String

    @Option(help: ArgumentHelp("Cells to train (train).", valueName: "n"))
    var cells: Int = 0

    @Option(help: "Seed of the cells (train).")
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("The centroids (.npy; train writes them, assign reads them).", valueName: "path"))
    var centroids: String?

    @Option(help: ArgumentHelp("Model rows, as FIRST-END (assign).", valueName: "first-end"))
    var rows: String?

    @Option(help: "Cells each query searches (assign).")
    var probes: Int = 8

    @Option(name: .short, help: "Related articles per article (search, merge).")
    var k: Int = 10

    @OptionGroup var expansionOptions: ExpansionOptions

    struct Assignment: Codable { var row: Int, home: Int32, probes: [Int32] }
    struct Cell: Decodable { var cell: Int, queries: [Int], candidates: [Int] }
    /// A result as [row, score]: doubles hold any row number and every float score exactly.
    struct Entry: Codable { var row: Int, results: [[Double]] }
    struct CellLists: Encodable { var cell: Int, lists: [Entry] }
    struct QueryLists: Decodable { var row: Int, lists: [[[Double]]] }

    func run() throws {
        try reportingErrors {
            let model = try LSAModel.load(path: self.model)
            let expansion = try expansionOptions.resolved()
            switch step {
            case .train:
                guard let centroids else { throw ZhutiError(.badOption, "cells train needs --centroids (the file to write)") }
                let trained = try InvertedCells.train(model: model, cells: cells, seed: seed)
                try NPYArray(shape: [cells, model.dimensions], values: trained).write(to: centroids)
            case .assign:
                guard let centroids, let rows else { throw ZhutiError(.badOption, "cells assign needs --centroids and --rows") }
                guard (1...1000).contains(probes) else { throw ZhutiError(.badOption, "--probes must be between 1 and 1000") }
                let range = try WorkerRows.parse(rows, documents: model.documentCount)
                let array = try NPYArray<Float>.read(path: centroids)
                guard array.shape.count == 2, array.shape[1] == model.dimensions else {
                    throw ZhutiError(.badInput, "centroids of shape \(array.shape) do not fit \(model.dimensions) dimensions", file: centroids)
                }
                let found = InvertedCells.cells(model: model, rows: range, centroids: array.values, probes: probes, expansion: expansion)
                for (offset, row) in range.enumerated() {
                    print(try JSONOutput.encode(Assignment(row: row, home: found.home[offset], probes: found.probed[offset])))
                }
            case .search:
                try RelatedFinder.validate(k: k)
                try WorkerLines.forEach(Cell.self, what: "a {\"cell\", \"queries\", \"candidates\"} object") { cell in
                    guard (cell.queries + cell.candidates).allSatisfy({ (0..<model.documentCount).contains($0) }) else {
                        throw ZhutiError(.badInput, "cell \(cell.cell) names a row outside the model", file: "stdin")
                    }
                    let lists = InvertedCells.search(model: model, queries: cell.queries, candidates: cell.candidates, k: k,
                                                     expansion: expansion)
                    let entries = zip(cell.queries, lists).map { Entry(row: $0, results: $1.map { [Double($0.index), Double($0.score)] }) }
                    print(try JSONOutput.encode(CellLists(cell: cell.cell, lists: entries)))
                }
            case .merge:
                try RelatedFinder.validate(k: k)
                let index = SimilarityIndex(model: model)
                let ids = model.documentIDs
                try WorkerLines.forEach(QueryLists.self, what: "a {\"row\", \"lists\"} object") { query in
                    guard (0..<model.documentCount).contains(query.row) else {
                        throw ZhutiError(.badInput, "row \(query.row) is outside the model", file: "stdin")
                    }
                    let lists = query.lists.map { list in list.map { TopK.Entry(index: Int($0[0]), score: Float($0[1])) } }
                    let merged = InvertedCells.merge(lists, k: k, ids: ids)
                    let results = merged.map { entry in
                        WorkerRelated.Result(id: ids[entry.index], score: entry.score,
                                             cosine: expansion == nil ? entry.score : index.cosine(query.row, entry.index))
                    }
                    print(try JSONOutput.encode(WorkerRelated.Line(id: ids[query.row], results: results)))
                }
            }
        }
    }
}
