import ArgumentParser
import Zhuti

/// `zhuti worker keep`: `zhuti build`'s pruning (min-df, max-df, max-terms) applied to document
/// frequencies summed over the whole corpus. Run on each partition of the summed pairs and
/// then once on the union of what they kept, it keeps what one pass over all of them would.
struct WorkerKeep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keep",
        abstract: "Keep the n-grams `zhuti build` keeps, from summed (key, df) arrays.",
        discussion: "Reads n x 2 uint64 .npy arrays (key, df; keys distinct across them) and writes the kept pairs, keys ascending."
    )

    @OptionGroup var options: BuildOptions

    @Option(help: ArgumentHelp("Articles in the whole corpus.", valueName: "n"))
    var documents: Int

    @Option(help: ArgumentHelp("The .npy file to write.", valueName: "path"))
    var out: String

    @Argument(help: ArgumentHelp("(key, df) .npy arrays.", valueName: "path"))
    var inputs: [String]

    func run() throws {
        try reportingErrors {
            guard documents > 0 else { throw ZhutiError(.badOption, "--documents must be positive") }
            let vectorizer = try options.parameters(articles: documents).vectorizer
            var keys: [UInt64] = [], frequencies: [UInt32] = []
            for input in inputs {
                let pairs = try NPYArray<UInt64>.read(path: input)
                guard pairs.shape.count == 2, pairs.shape[1] == 2 else {
                    throw ZhutiError(.badInput, "expected n x 2 (key, df) pairs, got shape \(pairs.shape)", file: input)
                }
                for row in 0..<pairs.shape[0] {
                    keys.append(pairs.values[2 * row])
                    frequencies.append(UInt32(clamping: pairs.values[2 * row + 1]))
                }
            }
            let kept = try TfidfVectorizer.keptTerms(keys: keys, frequencies: frequencies, options: vectorizer, documentCount: documents)
            var pairs = [UInt64](repeating: 0, count: kept.keys.count * 2)
            for (row, (key, df)) in zip(kept.keys, kept.frequencies).enumerated() {
                pairs[2 * row] = key
                pairs[2 * row + 1] = UInt64(df)
            }
            try NPYArray(shape: [kept.keys.count, 2], values: pairs).write(to: out)
            try WorkerOutput.summary(["kept": kept.keys.count, "read": keys.count])
        }
    }
}
