import ArgumentParser
import Foundation
import Zhuti

/// `zhuti worker articles`: one partition of issue files (a path per line on stdin) read and
/// split by the same readers as `zhuti ingest`, written as one JSON object per article with
/// the ids `zhuti ingest` gives, so a model built on a cluster names articles as one built
/// on a single machine.
struct WorkerArticles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "articles",
        abstract: "Read the issue files named on stdin and print their articles as JSON lines."
    )

    /// One article as a partition's output row (the Parquet schema of docs/spark.md).
    struct Row: Encodable {
        var id: String
        var issue: String
        var source: String
        var paper: String?
        var date: String?
        var dateSource: String?
        var page: Int?
        var title: String
        var byline: String?
        var text: String
        var continuation: String?
        var label: String?
        var kind: String?
        var sequence: Int

        func encode(to encoder: Encoder) throws {
            // Every field present, null where unknown, as `zhuti articles --format jsonl`.
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(issue, forKey: .issue)
            try c.encode(source, forKey: .source)
            try c.encode(paper, forKey: .paper)
            try c.encode(date, forKey: .date)
            try c.encode(dateSource, forKey: .dateSource)
            try c.encode(page, forKey: .page)
            try c.encode(title, forKey: .title)
            try c.encode(byline, forKey: .byline)
            try c.encode(text, forKey: .text)
            try c.encode(continuation, forKey: .continuation)
            try c.encode(label, forKey: .label)
            try c.encode(kind, forKey: .kind)
            try c.encode(sequence, forKey: .sequence)
        }

        enum CodingKeys: String, CodingKey {
            case id, issue, source, paper, date, dateSource, page, title, byline, text, continuation, label, kind, sequence
        }
    }

    func run() throws {
        try reportingErrors {
            while let line = readLine(strippingNewline: true) {
                let path = line.trimmingCharacters(in: .whitespaces)
                guard !path.isEmpty else { continue }
                for issue in try IssueReader.read(path: path) {
                    for (offset, article) in issue.articles.enumerated() {
                        let sequence = offset + 1
                        let row = Row(
                            id: article.id ?? ArticleLibrary.articleID(issue: issue.id, sequence: sequence),
                            issue: issue.id, source: issue.source, paper: article.paper ?? issue.paper,
                            date: article.date ?? issue.date, dateSource: issue.dateSource, page: article.page,
                            title: article.title, byline: article.byline, text: article.text,
                            continuation: article.continuation, label: article.label, kind: article.kind,
                            sequence: sequence)
                        print(try JSONOutput.encode(row))
                    }
                }
            }
        }
    }
}
