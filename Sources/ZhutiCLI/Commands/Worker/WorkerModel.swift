import ArgumentParser
import Foundation
import Zhuti

/// `zhuti worker model`: stage 7 on the driver - the model file in Zhuti's own format from the
/// basis, the article ids in document order and their vectors; with --neighbours, the lists
/// the partitions found (`zhuti worker neighbours`), else none (a first, list-less model the
/// partitions search to find them).
struct WorkerModel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Write a model file from a basis, ids and document vectors."
    )

    @Option(help: ArgumentHelp("The finished basis file.", valueName: "path"))
    var basis: String

    @Option(help: ArgumentHelp("Article ids in document order, one JSON string per line.", valueName: "path"))
    var ids: String

    @Option(help: ArgumentHelp("Document vectors, n x K float32 .npy, in the ids' order.", valueName: "path"))
    var vectors: String

    @Option(help: ArgumentHelp("Neighbour lists, n x W int32 .npy.", valueName: "path"))
    var neighbours: String?

    @Option(name: .customLong("non-zeros"), help: "Non-zeros of the TF-IDF matrix (summed over partitions).")
    var nonZeros: Int = 0

    @Option(help: "What the model was built from (shown by `zhuti models`).")
    var fingerprint: String = ""

    @Option(help: ArgumentHelp("The model file to write (atomically).", valueName: "path"))
    var out: String

    func run() throws {
        try reportingErrors {
            let basis = try LSABasis.load(path: self.basis)
            let documentIDs = try WorkerLines.read(String.self, from: ids, what: "a JSON string")
            let vectors = try NPYArray<Float>.read(path: self.vectors)
            guard vectors.shape == [documentIDs.count, basis.dimensions] else {
                throw ZhutiError(.badInput, "expected \(documentIDs.count) x \(basis.dimensions) vectors, got shape \(vectors.shape)", file: self.vectors)
            }
            var lists: NeighbourLists?
            if let neighbours {
                let array = try NPYArray<Int32>.read(path: neighbours)
                guard array.shape.count == 2, array.shape[0] == documentIDs.count, array.shape[1] >= 1 else {
                    throw ZhutiError(.badInput, "expected \(documentIDs.count) neighbour lists, got shape \(array.shape)", file: neighbours)
                }
                lists = NeighbourLists(width: array.shape[1], indices: array.values)
            }
            let lock = try ModelWriteLock(modelPath: out, waiting: { Terminal.progress("model: " + $0) })
            let model = try LSAModel.assembled(basis: basis, documentIDs: documentIDs, documentVectors: vectors.values,
                                               nonZeros: nonZeros, corpusFingerprint: fingerprint, neighbourLists: lists,
                                               findsNeighbourLists: false)
            try model.write(to: out)
            withExtendedLifetime(lock) {}
            try WorkerOutput.summary(["documents": model.documentCount, "dimensions": model.dimensions])
        }
    }
}
