import ArgumentParser
import Zhuti

/// `zhuti worker project`: stage 4 in one partition - each article's unit document vector,
/// projected on the finished basis exactly as `zhuti build` projects every article.
struct WorkerProject: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Project the articles on stdin on a finished basis.",
        discussion: "Writes an n x K float32 .npy array (input order) to --out and {\"documents\": n, \"nonZeros\": z} on stdout."
    )

    @Option(help: ArgumentHelp("The basis file after `zhuti worker svd finish`.", valueName: "path"))
    var basis: String

    @Option(help: ArgumentHelp("The .npy file to write.", valueName: "path"))
    var out: String

    func run() throws {
        try reportingErrors {
            let basis = try LSABasis.load(path: self.basis)
            var vectors: [Float] = [], documents = 0, nonZeros = 0
            try WorkerArticleInput().forEachBatch { texts in
                let projected = try basis.project(texts)
                vectors += projected.vectors
                documents += texts.count
                nonZeros += projected.nonZeros
            }
            try NPYArray(shape: [documents, basis.dimensions], values: vectors).write(to: out)
            try WorkerOutput.summary(["documents": documents, "nonZeros": nonZeros])
        }
    }
}
