import ArgumentParser
import Foundation
import Zhuti

/// `zhuti worker vocabulary`: on the driver, the vectorizer `zhuti build` would fit, from the
/// kept (key, df) pairs and the texts of the hashed ones, written as a basis file with the
/// model's parameters (dimensions capped as `zhuti build` caps them when --dims is not given).
struct WorkerVocabulary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vocabulary",
        abstract: "Assemble the vocabulary from kept n-grams and write it as a basis file.",
        discussion: "Prints {\"terms\": T, \"dimensions\": K, \"sampleWidth\": L, \"rangePasses\": P} on stdout."
    )

    @OptionGroup var options: BuildOptions

    @Option(help: ArgumentHelp("Articles in the whole corpus.", valueName: "n"))
    var documents: Int

    @Option(help: ArgumentHelp("The kept (key, df) .npy array (`zhuti worker keep`).", valueName: "path"))
    var kept: String

    @Option(help: ArgumentHelp("Lines printed by `zhuti worker terms`, one file or several.", valueName: "path"))
    var terms: [String] = []

    @Option(help: ArgumentHelp("The basis file to write.", valueName: "path"))
    var out: String

    struct TermText: Decodable { var key: String, term: String }

    func run() throws {
        try reportingErrors {
            guard documents > 0 else { throw ZhutiError(.badOption, "--documents must be positive") }
            var parameters = try options.parameters(articles: documents, note: { Terminal.progress($0) })
            let pairs = try NPYArray<UInt64>.read(path: kept)
            guard pairs.shape.count == 2, pairs.shape[1] == 2 else {
                throw ZhutiError(.badInput, "expected n x 2 (key, df) pairs, got shape \(pairs.shape)", file: kept)
            }
            let keys = stride(from: 0, to: pairs.values.count, by: 2).map { pairs.values[$0] }
            let frequencies = stride(from: 1, to: pairs.values.count, by: 2).map { UInt32(clamping: pairs.values[$0]) }
            var texts: [UInt64: String] = [:]
            for path in terms {
                try WorkerLines.forEach(TermText.self, from: path, what: "a {\"key\", \"term\"} object") { line in
                    guard let key = UInt64(line.key) else {
                        throw ZhutiError(.badInput, "\(line.key.debugDescription) is not an n-gram key", file: path)
                    }
                    // Partitions agree on a term's text; the smaller is taken if a hash ever collides.
                    if let known = texts[key], known <= line.term { return }
                    texts[key] = line.term
                }
            }
            let vectorizer = try TfidfVectorizer.assemble(options: parameters.vectorizer, keys: keys, frequencies: frequencies,
                                                          documentCount: documents, hashedTexts: texts)
            let limit = min(documents, vectorizer.vocabulary.count)
            if options.dims == nil {
                let supported = LSAModel.supportedDimensions(limit)
                if supported < parameters.dimensions {
                    Terminal.progress("build: \(supported) of the default \(parameters.dimensions) dimensions, the most this corpus supports")
                    parameters.dimensions = supported
                }
            }
            let basis = LSABasis(parameters: parameters, vectorizer: vectorizer)
            let svd = try basis.partitionedSVD()
            try basis.write(to: out)
            try WorkerOutput.summary(["terms": vectorizer.vocabulary.count, "dimensions": parameters.dimensions,
                                      "sampleWidth": svd.sampleWidth, "rangePasses": svd.rangePasses])
        }
    }
}
