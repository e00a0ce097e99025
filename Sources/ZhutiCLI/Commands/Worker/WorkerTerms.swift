import ArgumentParser
import Zhuti

/// `zhuti worker terms`: the texts of kept n-grams that are stored by hash (longer runs such as
/// `2025` or `gdp`), found in one partition's articles, since a hash cannot be read back.
struct WorkerTerms: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terms",
        abstract: "Print the texts of the kept hashed n-grams found in the articles on stdin.",
        discussion: "Prints {\"key\": \"<uint64>\", \"term\": \"...\"} lines."
    )

    @OptionGroup var options: BuildOptions

    @Option(help: ArgumentHelp("The kept (key, df) .npy array.", valueName: "path"))
    var kept: String

    func run() throws {
        try reportingErrors {
            let vectorizer = try options.parameters().vectorizer
            let pairs = try NPYArray<UInt64>.read(path: kept)
            let keys = stride(from: 0, to: pairs.values.count, by: 2).map { pairs.values[$0] }
            let texts = try TfidfVectorizer.hashedTermTexts(WorkerArticleInput(), options: vectorizer, keys: keys)
            for (key, text) in texts.sorted(by: { $0.key < $1.key }) {
                print(try JSONOutput.encode(["key": String(key), "term": text]))
            }
        }
    }
}
