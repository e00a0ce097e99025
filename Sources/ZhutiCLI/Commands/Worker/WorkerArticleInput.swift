import Foundation
import Zhuti

/// One partition's articles on stdin, a JSON object per line with at least `id` and `text`
/// (the rows `zhuti worker articles` prints), read once in batches. Texts are normalised as
/// `zhuti ingest` normalises them, so a partition's documents are the ones a single-machine
/// build reads for the same articles.
struct WorkerArticleInput: DocumentStream {
    /// Articles per batch: enough for the vectorizer to split over the cores.
    var batchSize = 2048

    init(batchSize: Int = 2048) { self.batchSize = batchSize }

    private struct Line: Decodable {
        var id: String
        var text: String
    }

    /// Each batch's ids and normalised texts, in input order. A line that is not such an
    /// object stops the step with an error naming the line.
    func forEachArticleBatch(_ body: (_ ids: [String], _ texts: [String]) throws -> Void) throws {
        let decoder = JSONDecoder()
        var ids: [String] = [], texts: [String] = []
        var number = 0
        while let line = readLine(strippingNewline: true) {
            number += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            let article: Line
            do {
                article = try decoder.decode(Line.self, from: Data(line.utf8))
            } catch {
                throw ZhutiError(.badInput, "line \(number): not an article object with \"id\" and \"text\"", file: "stdin")
            }
            ids.append(article.id)
            texts.append(TextNormalizer.normalize(article.text))
            if ids.count == batchSize {
                try body(ids, texts)
                ids.removeAll(keepingCapacity: true)
                texts.removeAll(keepingCapacity: true)
            }
        }
        if !ids.isEmpty { try body(ids, texts) }
    }

    func forEachBatch(_ body: ([String]) throws -> Void) throws {
        try forEachArticleBatch { _, texts in try body(texts) }
    }
}

/// What every step that writes an array shares.
enum WorkerOutput {
    /// Prints one JSON object (a step's summary) on stdout.
    static func summary(_ fields: [String: Int]) throws {
        print(try JSONOutput.encode(fields))
    }
}
