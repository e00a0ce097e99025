import ArgumentParser
import Foundation
import Zhuti

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read newspaper issues and store their articles in the library.",
        discussion: """
            PATH may be an issue text file, a folder (searched recursively for .txt and .jsonl),
            or a JSONL export with one article per line ("text" required; "id", "title", "date",
            "page", "paper", "issue", "label" optional). Encodings are detected: UTF-8 (with or
            without BOM), UTF-16 with BOM, GB18030/GBK.

            Re-ingesting an unchanged file changes nothing; a changed file replaces its issue's
            articles. If any file cannot be read, nothing of the run is stored and every bad
            file is named, one line each.

            Examples:
              zhuti ingest seeds/
              zhuti ingest --home /data/jingzhou 2025/*.txt
              zhuti ingest export.jsonl
            """
    )

    @OptionGroup var home: HomeOptions

    @Argument(help: ArgumentHelp("Issue files, folders or JSONL exports.", valueName: "path"))
    var paths: [String]

    func run() throws {
        try reportingErrors {
            let files = try IssueReader.sourceFiles(for: paths)
            let library = try home.openLibrary(create: true)
            let started = Date()
            var done = 0
            // One producer per issue, files opened as the library reaches them: a JSONL
            // export's issues are parsed one at a time (see `IssueSource`).
            let batches = files.lazy.flatMap { file -> [() throws -> [ParsedIssue]] in
                let source: IssueSource
                do {
                    source = try IssueReader.open(path: file)
                } catch {
                    return [{ throw error }]
                }
                done += 1
                if files.count >= 20, done % 100 == 0 {
                    Terminal.progress("ingest: read \(done)/\(files.count) files")
                }
                return (0..<source.count).map { index in { [try source.issue(index)] } }
            }
            let outcome = try library.ingest(batches, normalize: TextNormalizer.normalize)
            let seconds = Date().timeIntervalSince(started)
            Terminal.progress(String(format: "ingest: %d files, %d issues added, %d replaced, %d unchanged; %d articles stored in %.2f s",
                                     files.count, outcome.added.count, outcome.replaced.count, outcome.unchanged.count,
                                     outcome.articleCount, seconds))
        }
    }
}

struct Issues: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the stored issues with their article counts.",
        discussion: "Issues are listed by date (undated last), then id."
    )

    @OptionGroup var home: HomeOptions

    @Option(help: OutputFormat.help)
    var format: OutputFormat = .text

    func run() throws {
        try reportingErrors {
            let issues = try home.openLibrary().issues()
            var listing = Listing(format: format, csvHeader: ["id", "date", "lunar_date", "paper", "number", "articles", "source"])
            for issue in issues {
                try listing.row(
                    json: try JSONOutput.encode(issue),
                    csv: [issue.id, issue.date ?? "", issue.lunarDate ?? "", issue.paper ?? "", issue.number.map(String.init) ?? "",
                          String(issue.articleCount), issue.source],
                    text: "\(issue.id)\t\(issue.date ?? issue.lunarDate ?? "undated")\t\(issue.paper ?? "")\(issue.number.map { " 总第\($0)期" } ?? "")\t\(issue.articleCount) articles")
            }
            listing.finish()
        }
    }
}

struct Articles: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the stored articles.",
        discussion: """
            --format jsonl prints one JSON object per article with id, issue, source, paper, date,
            page, title, byline, text (and continuation, label, sequence); json the same objects
            as one array; csv a header row and one RFC 4180 row per article with the same fields.
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
            var listing = Listing(format: format, csvHeader: ["id", "issue", "source", "paper", "date", "page", "title", "byline", "text",
                                                              "continuation", "label", "sequence"])
            try library.forEachBatch(issue: issue) { batch in
                for article in batch {
                    try listing.row(
                        json: try JSONOutput.encode(ArticleRecord(article)),
                        csv: [article.id, article.issue, article.source, article.paper ?? "", article.date ?? "",
                              article.page.map(String.init) ?? "", article.title, article.byline ?? "", article.text,
                              article.continuation ?? "", article.label ?? "", String(article.sequence)],
                        text: "\(article.id)\t\(article.date ?? "")\(article.page.map { " 第\($0)版" } ?? "")\t\(article.title)\t(\(article.text.count) chars)")
                }
            }
            listing.finish()
        }
    }
}
