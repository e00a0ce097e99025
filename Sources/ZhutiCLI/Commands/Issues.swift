import ArgumentParser
import Foundation
import Zhuti

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
            var listing = Listing(format: format, csvHeader: ["id", "date", "date_source", "lunar_date", "paper", "number", "articles", "source"])
            for issue in issues {
                try listing.row(
                    json: try JSONOutput.encode(issue),
                    csv: [issue.id, issue.date ?? "", issue.dateSource, issue.lunarDate ?? "", issue.paper ?? "", issue.number.map(String.init) ?? "",
                          String(issue.articleCount), issue.source],
                    text: "\(issue.id)\t\(issue.date ?? issue.lunarDate ?? "undated")\t\(issue.dateSource)\t\(issue.paper ?? "")\(issue.number.map { " 总第\($0)期" } ?? "")\t\(issue.articleCount) articles")
            }
            listing.finish()
        }
    }
}
