import ArgumentParser
import Zhuti

/// `zhuti worker df`: stage 2's count in one partition - every n-gram of its articles and the
/// number of them it occurs in, as `zhuti build`'s first pass counts them.
struct WorkerDocumentFrequencies: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "df",
        abstract: "Count the document frequency of every n-gram in the articles on stdin.",
        discussion: "Writes an n x 2 uint64 .npy array (key, df) to --out and {\"documents\": N} on stdout."
    )

    @OptionGroup var options: BuildOptions

    @Option(help: ArgumentHelp("The .npy file to write.", valueName: "path"))
    var out: String

    func run() throws {
        try reportingErrors {
            let vectorizer = try options.parameters().vectorizer
            let counted = try TfidfVectorizer.documentFrequencies(WorkerArticleInput(), options: vectorizer)
            var pairs = [UInt64](repeating: 0, count: counted.keys.count * 2)
            for (row, (key, df)) in zip(counted.keys, counted.frequencies).enumerated() {
                pairs[2 * row] = key
                pairs[2 * row + 1] = UInt64(df)
            }
            try NPYArray(shape: [counted.keys.count, 2], values: pairs).write(to: out)
            try WorkerOutput.summary(["documents": counted.documentCount])
        }
    }
}
