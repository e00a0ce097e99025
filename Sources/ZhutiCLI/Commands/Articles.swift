import ArgumentParser
import Foundation
import Zhuti

struct Articles: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the stored articles.",
        discussion: """
            --format jsonl prints one JSON object per article with id, issue, source, paper, date,
            page, kicker, title, subtitle, byline, text (and continuation, label, sequence, kind);
            json the same objects as one array; csv a header row and one RFC 4180 row per article
            with the same fields. title is the headline itself; kicker the line printed above it
            (引题, `市发改委:`) and subtitle the one under it (副题, `——…`), null where the page
            does not set them apart. kind is what the page prints it as: article, brief, caption, teaser (a
            front-page pointer to another page, with its summary) or commentary; empty (null)
            where the source did not tell (JSONL exports, posted articles).
            """
    )

    @OptionGroup var home: HomeOptions

    @Option(help: "Only the articles of this issue id.")
    var issue: String?

    @Option(help: OutputFormat.help)
    var format: OutputFormat = .text

    func run() throws {
        try reportingErrors {
            let library = try home.openLibrary()
            if let issue, try !library.issues().contains(where: { $0.id == issue }) {
                throw ZhutiError(.notFound, "no issue '\(issue)' in the library; `zhuti issues` lists them")
            }
            var listing = Listing(format: format, csvHeader: ["id", "issue", "source", "paper", "date", "page", "kicker", "title", "subtitle", "byline", "text",
                                                              "continuation", "label", "sequence", "kind"])
            try library.forEachBatch(issue: issue) { batch in
                for article in batch {
                    try listing.row(
                        json: try JSONOutput.encode(ArticleRecord(article)),
                        csv: [article.id, article.issue, article.source, article.paper ?? "", article.date ?? "",
                              article.page.map(String.init) ?? "", article.kicker ?? "", article.title, article.subtitle ?? "",
                              article.byline ?? "", article.text,
                              article.continuation ?? "", article.label ?? "", String(article.sequence), article.kind ?? ""],
                        text: "\(article.id)\t\(article.date ?? "")\(article.page.map { " 第\($0)版" } ?? "")\t\(article.title)\t(\(article.text.count) chars\(article.kind.map { ", \($0)" } ?? ""))")
                }
            }
            listing.finish()
        }
    }
}
