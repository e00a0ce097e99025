import ArgumentParser
import Foundation
import Zhuti

/// `zhuti worker reprints`: the reprint flag `zhuti related` sets on a result (near-duplicate
/// or contained), for pairs of articles whose texts a partition holds.
struct WorkerReprints: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reprints",
        abstract: "Flag reprinted pairs among the article pairs on stdin.",
        discussion: """
            Reads {"a": id, "aText": text, "b": id, "bText": text} lines; prints
            {"a": id, "b": id, "duplicate": "near-duplicate" | "contained" | null} for each, in order.
            """
    )

    @Option(help: ArgumentHelp("The model file.", valueName: "path"))
    var model: String

    struct Pair: Decodable { var a: String, aText: String, b: String, bText: String }
    struct Verdict: Encodable {
        var a: String, b: String, duplicate: DuplicateKind?
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(a, forKey: .a)
            try container.encode(b, forKey: .b)
            try container.encode(duplicate, forKey: .duplicate)  // null, as the CLI prints it
        }
        enum CodingKeys: String, CodingKey { case a, b, duplicate }
    }

    func run() throws {
        try reportingErrors {
            let model = try LSAModel.load(path: self.model)
            var pairs: [Pair] = []
            func flush() throws {
                // Each article's text is prepared once per batch, however many pairs name it.
                var slot: [String: Int] = [:], texts: [String] = []
                func index(_ id: String, _ text: String) -> Int {
                    if let known = slot[id] { return known }
                    slot[id] = texts.count
                    texts.append(TextNormalizer.normalize(text))
                    return texts.count - 1
                }
                let indexed = pairs.map { (index($0.a, $0.aText), index($0.b, $0.bText)) }
                let verdicts = PairExplainer.duplicateKinds(model: model, texts: texts, pairs: indexed)
                for (pair, verdict) in zip(pairs, verdicts) {
                    print(try JSONOutput.encode(Verdict(a: pair.a, b: pair.b, duplicate: verdict)))
                }
                pairs.removeAll(keepingCapacity: true)
            }
            try WorkerLines.forEach(Pair.self, what: "an {\"a\", \"aText\", \"b\", \"bText\"} object") { pair in
                pairs.append(pair)
                if pairs.count == 32768 { try flush() }
            }
            try flush()
        }
    }
}
