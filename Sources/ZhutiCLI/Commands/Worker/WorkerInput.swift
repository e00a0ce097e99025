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
        var ids: [String] = [], texts: [String] = []
        try WorkerLines.forEach(Line.self, what: "an article object with \"id\" and \"text\"") { article in
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

/// JSON lines, one value per line, from stdin or a file: what every worker step reads besides
/// arrays. Blank lines are skipped; a line that is not the expected value stops the step with an
/// error naming the file (or stdin) and the line.
enum WorkerLines {
    static func forEach<T: Decodable>(_ type: T.Type, from path: String? = nil, what: String,
                                      _ body: (T) throws -> Void) throws {
        let decoder = JSONDecoder()
        var number = 0
        func decode(_ line: Substring) throws {
            number += 1
            if line.allSatisfy(\.isWhitespace) { return }
            guard let value = try? decoder.decode(T.self, from: Data(line.utf8)) else {
                throw ZhutiError(.badInput, "line \(number): not \(what)", file: path ?? "stdin")
            }
            try body(value)
        }
        if let path {
            guard let data = FileManager.default.contents(atPath: path) else { throw ZhutiError(.io, "cannot read", file: path) }
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
                try decode(line)
            }
        } else {
            while let line = readLine(strippingNewline: true) { try decode(line[...]) }
        }
    }

    static func read<T: Decodable>(_ type: T.Type, from path: String, what: String) throws -> [T] {
        var values: [T] = []
        try forEach(type, from: path, what: what) { values.append($0) }
        return values
    }
}
