import ArgumentParser
import Foundation
import Zhuti

/// `zhuti worker articles`: one partition of issue files (a path per line on stdin) read and
/// split by the same readers as `zhuti ingest`, written as the lines `zhuti articles --format
/// jsonl` prints once they are ingested (same ids, same fields), so a model built on a cluster
/// names articles as one built on a single machine.
struct WorkerArticles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "articles",
        abstract: "Read the issue files named on stdin and print their articles as JSON lines."
    )

    func run() throws {
        try reportingErrors {
            while let line = readLine(strippingNewline: true) {
                let path = line.trimmingCharacters(in: .whitespaces)
                guard !path.isEmpty else { continue }
                for issue in try IssueReader.read(path: path) {
                    for (offset, article) in issue.articles.enumerated() {
                        let sequence = offset + 1
                        // The row `zhuti articles --format jsonl` prints for it once ingested.
                        let stored = StoredArticle(
                            id: article.id ?? ArticleLibrary.articleID(issue: issue.id, sequence: sequence),
                            issue: issue.id, source: issue.source, paper: article.paper ?? issue.paper,
                            date: article.date ?? issue.date, page: article.page, title: article.title,
                            byline: article.byline, text: article.text, normalized: "",
                            continuation: article.continuation, label: article.label, sequence: sequence,
                            kind: article.kind, kicker: article.kicker, subtitle: article.subtitle)
                        let row = ArticleRecord(stored)
                        print(try JSONOutput.encode(row))
                    }
                }
            }
        }
    }
}
