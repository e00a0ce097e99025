import ArgumentParser
import Foundation
import Zhuti

struct Related: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the articles most similar to an article, a text or a file.",
        discussion: """
            Similarity is the cosine in the model's LSA space (exact search). The query is first
            moved towards the mean of its 3 nearest articles (query expansion: it keeps what
            the neighbourhood agrees on and drops the query's incidental names and figures);
            results are ranked by the cosine with that expanded query ("score") and also show
            the plain cosine of the two articles ("cosine"). --no-expansion ranks by the plain
            cosine. Each result lists the phrases the two texts share that weigh most in the
            match, and is marked when it is a near-duplicate or a digest/reprint of the query.

            Examples:
              zhuti related 000_769fa827b3289f88-003
              zhuti related ID1 ID2 ID3 --format jsonl    # several articles, one line each
              zhuti related --text "持续掀起大抓项目热潮" -k 5
              zhuti related --file draft.txt --since 2025-01 --exclude-same-issue
              zhuti related --all -k 10 --format jsonl > neighbours.jsonl
            """
    )

    @OptionGroup var home: HomeOptions
    @OptionGroup var model: ModelOptions

    @Argument(help: "Stored articles' ids (see `zhuti articles`); each is answered on its own.")
    var ids: [String] = []

    @Option(help: "Find articles related to this text instead.")
    var text: String?

    @Option(help: ArgumentHelp("Find articles related to the text of this file (UTF-8 or GBK).", valueName: "path"))
    var file: String?

    @Flag(help: "Every article's neighbours, one JSON object per line (use with --format jsonl).")
    var all = false

    @Option(name: .short, help: "How many related articles.")
    var k: Int = 10

    @Option(help: ArgumentHelp("Only articles dated on or after this date (2025-03-10, 2025-03 or 2025).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Only articles dated on or before this date.", valueName: "date"))
    var until: String?

    @Option(help: "Only articles of this paper.")
    var paper: String?

    @Flag(help: "Leave out articles of the query's own issue.")
    var excludeSameIssue = false

    @OptionGroup var ranking: ExpansionOptions

    @Flag(help: "Leave out the shared phrases (faster for large --all tables); reprints are still flagged.")
    var noExplain = false

    @Option(help: OutputFormat.help)
    var format: OutputFormat = .text

    @OptionGroup var progressOptions: ProgressOptions

    func validate() throws {
        let sources = [!ids.isEmpty, text != nil, file != nil, all].filter { $0 }.count
        guard sources == 1 else {
            throw ValidationError("give exactly one of: article ids, --text, --file or --all")
        }
    }

    func run() throws {
        try reportingErrors {
            let filter = RelatedFilter(since: since, until: until, paper: paper, excludeSameIssue: excludeSameIssue)
            if filter.isReversed, let since, let until { throw ZhutiError(.badOption, "--since \(since) is after --until \(until)") }
            let expansion = try ranking.resolved()
            let homeFolder = home.resolved
            let library = try home.openLibrary()
            let finder = try RelatedFinder(model: try model.load(home: homeFolder), library: library)
            let others = finder.model.documentCount - (ids.isEmpty ? 0 : 1)
            if k > others {
                Terminal.progress("related: -k \(k) is more than the \(others) other articles in the model; listing at most \(others)")
            }
            let format = format
            if all {
                // json: one array of every article's response; jsonl: one response per line.
                var listing = Listing(format: format, csvHeader: Self.csvHeader)
                let reporter = progressOptions.reporter
                try finder.relatedForAll(k: k, filter: filter, expansion: expansion, explain: !noExplain, progress: reporter.callback,
                                         render: { Self.formatted($0, as: format) }) { listing.formatted($0) }
                reporter.finish()
                listing.finish()
                return
            }
            if ids.count > 1 {
                // Every id is checked before anything is printed: an unknown id is one error line.
                let responses = try ids.map { try finder.related(toArticle: $0, k: k, filter: filter, expansion: expansion) }
                var listing = Listing(format: format, csvHeader: Self.csvHeader)
                for response in responses { listing.formatted(Self.formatted(response, as: format)) }
                listing.finish()
                return
            }
            let response: RelatedResponse
            if let id = ids.first {
                response = try finder.related(toArticle: id, k: k, filter: filter, expansion: expansion)
            } else if let text {
                response = try finder.related(toText: text, k: k, filter: filter, expansion: expansion)
            } else {
                let path = file!
                guard let bytes = FileManager.default.contents(atPath: path) else {
                    throw ZhutiError(.notFound, "cannot read the file", file: path)
                }
                response = try finder.related(toText: try TextDecoding.decode(Array(bytes), file: path), k: k, filter: filter,
                                              expansion: expansion)
            }
            // On the command line a query text with nothing to compare is a mistake to report.
            if let note = response.note, response.results.isEmpty { throw ZhutiError(.badInput, note) }
            // One response: json is that object (not an array), csv its rows under the header.
            if format == .csv {
                Terminal.writeRaw(Listing.csvLine(Self.csvHeader) + Self.formatted(response, as: format))
            } else {
                Terminal.write(Self.formatted(response, as: format))
            }
            Terminal.flush()
        }
    }

    static let csvHeader = ["query", "rank", "id", "score", "cosine", "date", "issue", "paper", "title", "duplicate", "shared"]

    /// A response in `format`: JSON object, text block, or one CSV row per result.
    static func formatted(_ response: RelatedResponse, as format: OutputFormat) -> String {
        switch format {
        case .json, .jsonl: return response.json
        case .text: return render(response)
        case .csv:
            return response.results.enumerated().map { rank, result in
                Listing.csvLine([response.id ?? "", String(rank + 1), result.id, String(result.score), String(result.cosine),
                                 result.date ?? "", result.issue, result.paper ?? "", result.title, result.duplicate?.rawValue ?? "",
                                 result.shared.joined(separator: " · ")])
            }.joined()
        }
    }

    /// The text form: a header line, then one line per result and its shared phrases.
    private static func render(_ response: RelatedResponse) -> String {
        let query = response.query.id.map { "\($0)  \(response.query.title ?? "")" } ?? "text: \(response.query.title ?? "")"
        var lines = ["related to \(query)"]
        if response.results.isEmpty { lines.append("  (no related articles)") }
        for (rank, result) in response.results.enumerated() {
            let flag = result.duplicate.map { " [\($0.rawValue)]" } ?? ""
            lines.append(String(format: "%3d. %.3f (cosine %.3f)  ", rank + 1, result.score, result.cosine) + "\(result.id)  \(result.date ?? "")  \(result.title)\(flag)")
            if !result.shared.isEmpty { lines.append("       shared: " + result.shared.joined(separator: " · ")) }
        }
        return lines.joined(separator: "\n")
    }
}
