import ArgumentParser
import Foundation
import Zhuti

struct Models: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List built models with their parameters, corpus size and build date.")

    @OptionGroup var home: HomeOptions

    @Option(help: OutputFormat.help)
    var format: OutputFormat = .text

    /// One model's row; `error` says why an unreadable model has no `info`.
    struct Row: Encodable {
        var name: String
        var built: String
        var info: LSAModelInfo?
        var error: String?
    }

    func run() throws {
        try reportingErrors {
            let folder = home.resolved.modelsPath
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            if names.isEmpty { Terminal.progress("no models in \(home.resolved.path); build one with `zhuti build`") }
            var listing = Listing(format: format, csvHeader: ["name", "built", "articles", "terms", "dimensions", "ngrams", "min_df",
                                                              "max_df", "seed", "error"])
            for name in names {
                let path = home.resolved.modelPath(named: name)
                guard FileManager.default.fileExists(atPath: path) else { continue }
                let built = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? nil
                let date = built.map { ISO8601DateFormatter().string(from: $0) } ?? "unknown"
                var row = Row(name: name, built: date)
                do {
                    row.info = try LSAModel.load(path: path).info
                } catch let error as ZhutiError {
                    row.error = error.message
                }
                let p = row.info?.parameters
                try listing.row(
                    json: try JSONOutput.encode(row),
                    csv: [name, date, row.info.map { String($0.documentCount) } ?? "", row.info.map { String($0.termCount) } ?? "",
                          row.info.map { String($0.dimensions) } ?? "", p.map { "\($0.vectorizer.minN)-\($0.vectorizer.maxN)" } ?? "",
                          p.map { String($0.vectorizer.minDF) } ?? "", p.map { String($0.vectorizer.maxDF) } ?? "",
                          p.map { String($0.seed) } ?? "", row.error ?? ""],
                    text: row.info.map { info in
                        "\(name)\t\(info.documentCount) articles\t\(info.termCount) terms\t\(info.dimensions) dims\tngrams \(info.parameters.vectorizer.minN)-\(info.parameters.vectorizer.maxN) min-df \(info.parameters.vectorizer.minDF) max-df \(info.parameters.vectorizer.maxDF)\tseed \(info.parameters.seed)\tbuilt \(date)"
                    } ?? "\(name)\tunreadable: \(row.error ?? "")")
            }
            listing.finish()
        }
    }
}
