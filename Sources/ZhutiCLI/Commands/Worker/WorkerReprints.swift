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
            let decoder = JSONDecoder()
            var pairs: [Pair] = [], number = 0
            func flush() throws {
                let verdicts = PairExplainer.duplicateKinds(
                    model: model, pairs: pairs.map { (TextNormalizer.normalize($0.aText), TextNormalizer.normalize($0.bText)) })
                for (pair, verdict) in zip(pairs, verdicts) {
                    print(try JSONOutput.encode(Verdict(a: pair.a, b: pair.b, duplicate: verdict)))
                }
                pairs.removeAll(keepingCapacity: true)
            }
            while let line = readLine(strippingNewline: true) {
                number += 1
                if line.allSatisfy(\.isWhitespace) { continue }
                guard let pair = try? decoder.decode(Pair.self, from: Data(line.utf8)) else {
                    throw ZhutiError(.badInput, "line \(number): not an {\"a\", \"aText\", \"b\", \"bText\"} object", file: "stdin")
                }
                pairs.append(pair)
                if pairs.count == 4096 { try flush() }
            }
            try flush()
        }
    }
}
