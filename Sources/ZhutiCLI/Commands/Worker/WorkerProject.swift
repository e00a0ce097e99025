import ArgumentParser
import Zhuti

/// `zhuti worker project`: stage 4 in one partition - each article's unit document vector,
/// projected on the finished basis exactly as `zhuti build` projects every article.
struct WorkerProject: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Project the articles on stdin on a finished basis.",
        discussion: """
            Writes an n x K float32 .npy array (input order) to --out, each article's TF-IDF non-zeros
            (int32, n) to --non-zeros-out when given, and {"documents": n, "nonZeros": z} on stdout.
            """
    )

    @Option(help: ArgumentHelp("The basis file after `zhuti worker svd finish`.", valueName: "path"))
    var basis: String

    @Option(help: ArgumentHelp("The .npy file to write.", valueName: "path"))
    var out: String

    @Option(name: .customLong("non-zeros-out"), help: ArgumentHelp("The .npy file of per-article non-zeros.", valueName: "path"))
    var nonZerosOut: String?

    func run() throws {
        try reportingErrors {
            let basis = try LSABasis.load(path: self.basis)
            var vectors: [Float] = [], documents = 0, nonZeros: [Int32] = []
            try WorkerArticleInput().forEachBatch { texts in
                let projected = try basis.project(texts)
                vectors += projected.vectors
                documents += texts.count
                nonZeros += projected.nonZeros
            }
            try NPYArray(shape: [documents, basis.dimensions], values: vectors).write(to: out)
            if let nonZerosOut { try NPYArray(shape: [documents], values: nonZeros).write(to: nonZerosOut) }
            try WorkerOutput.summary(["documents": documents, "nonZeros": nonZeros.reduce(0) { $0 + Int($1) }])
        }
    }
}
