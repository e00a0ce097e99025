import ArgumentParser
import Zhuti

/// `zhuti worker svd STEP`: stage 3, the randomized SVD in passes (`PartitionedSVD`). The
/// driver runs `start`, `qr` and `finish` (the small LAPACK steps); every partition runs
/// `range` and `gram` on its own articles; Spark sums the partitions' arrays in between.
struct WorkerSVD: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "svd",
        abstract: "One step of the randomized SVD over partitions.",
        discussion: """
            start   (driver)     basis -> Q, terms x L float32
            range   (partition)  basis, Q, articles on stdin -> A_pᵀ·A_p·Q, terms x L float32
            qr      (driver)     basis, summed range shares -> the next Q
            gram    (partition)  basis, Q, articles on stdin -> (A_p·Q)ᵀ·(A_p·Q), L x L float64
            finish  (driver)     basis, summed Gram, last Q -> the basis with σ and term vectors
            Arrays are .npy files.
            """
    )

    enum Step: String, ExpressibleByArgument, CaseIterable {
        case start, range, qr, gram, finish
    }

    @Argument(help: "start, range, qr, gram or finish.")
    var step: Step

    @Option(help: ArgumentHelp("The basis file (`zhuti worker vocabulary`).", valueName: "path"))
    var basis: String

    @Option(help: ArgumentHelp("Q (.npy), for range, gram and finish.", valueName: "path"))
    var q: String?

    @Option(help: ArgumentHelp("The summed shares (.npy), for qr and finish.", valueName: "path"))
    var sum: String?

    @Option(help: ArgumentHelp("The file to write: .npy, or the basis for finish.", valueName: "path"))
    var out: String

    func run() throws {
        try reportingErrors {
            let basis = try LSABasis.load(path: self.basis)
            let svd = try basis.partitionedSVD()
            let terms = svd.terms, l = svd.sampleWidth
            switch step {
            case .start:
                try NPYArray(shape: [terms, l], values: try svd.start().transposed().values).write(to: out)
            case .range, .gram:
                let q = try array(Float.self, self.q, "--q", shape: [terms, l])
                var range = [Float](repeating: 0, count: step == .range ? terms * l : 0)
                var gram = [Double](repeating: 0, count: step == .gram ? l * l : 0)
                try q.withUnsafeBufferPointer { q in
                    // Large batches: each share is a terms x L array, summed once per batch.
                    try WorkerArticleInput(batchSize: 16384).forEachBatch { texts in
                        let block = basis.vectorizer.transform(texts)
                        if step == .range {
                            let share = PartitionedSVD.rangeShare(of: block, qRowMajor: q, width: l)
                            for i in range.indices { range[i] += share[i] }
                        } else {
                            let share = PartitionedSVD.gramShare(of: block, qRowMajor: q, width: l)
                            for i in gram.indices { gram[i] += share[i] }
                        }
                    }
                }
                if step == .range {
                    try NPYArray(shape: [terms, l], values: range).write(to: out)
                } else {
                    try NPYArray(shape: [l, l], values: gram).write(to: out)
                }
            case .qr:
                let sum = try array(Float.self, self.sum, "--sum", shape: [terms, l])
                try NPYArray(shape: [terms, l], values: try svd.orthonormalize(rangeSum: sum).transposed().values).write(to: out)
            case .finish:
                let gram = try array(Double.self, self.sum, "--sum", shape: [l, l])
                let q = try array(Float.self, self.q, "--q", shape: [terms, l])
                let qMatrix = DenseMatrix(rows: l, columns: terms, values: q).transposed()
                let factors = try svd.finish(gram: gram, q: qMatrix)
                try basis.withFactors(singularValues: factors.singularValues, v: factors.termVectors).write(to: out)
                try WorkerOutput.summary(["dimensions": factors.singularValues.count])
            }
        }
    }

    /// The array at `path` (required for this step), refused unless it has `shape`.
    private func array<Element: NPYElement>(_ type: Element.Type, _ path: String?, _ flag: String, shape: [Int]) throws -> [Element] {
        guard let path else { throw ZhutiError(.badOption, "svd \(step.rawValue) needs \(flag)") }
        let array = try NPYArray<Element>.read(path: path)
        guard array.shape == shape else {
            throw ZhutiError(.badInput, "expected shape \(shape), got \(array.shape)", file: path)
        }
        return array.values
    }
}
