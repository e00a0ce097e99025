import ArgumentParser
import Zhuti

/// `zhuti worker neighbours`: stage 5 for the model's own use - the neighbour lists `zhuti
/// build` keeps (for query expansion), found for one range of documents against all of them.
struct WorkerNeighbours: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbours",
        abstract: "Find the kept neighbour lists of a range of a model's documents.",
        discussion: "Writes a rows x W int32 .npy array (document indices, -1 padded)."
    )

    @Option(help: ArgumentHelp("The model file (its lists are not used).", valueName: "path"))
    var model: String

    @Option(help: ArgumentHelp("Document rows, as FIRST-END (end excluded).", valueName: "first-end"))
    var rows: String

    @Option(help: ArgumentHelp("The .npy file to write.", valueName: "path"))
    var out: String

    func run() throws {
        try reportingErrors {
            let model = try LSAModel.load(path: self.model)
            let range = try WorkerRows.parse(rows, documents: model.documentCount)
            let width = LSAModel.keptNeighbours
            try NPYArray(shape: [range.count, width], values: model.neighbourListRows(range, width: width)).write(to: out)
        }
    }
}

/// `--rows FIRST-END`, a range of a model's documents.
enum WorkerRows {
    static func parse(_ text: String, documents: Int) throws -> Range<Int> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 2, let first = parts[0], let end = parts[1], 0 <= first, first <= end, end <= documents else {
            throw ZhutiError(.badOption, "--rows \(text) must be FIRST-END within the model's \(documents) documents")
        }
        return first..<end
    }
}
