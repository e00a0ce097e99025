import ArgumentParser
import Foundation
import Zhuti

/// `zhuti worker themes STEP`: stage 6, themes clustered over partitions (`PartitionedThemes`).
/// The driver runs `start`, `advance` after every round of shares, and `report`; each
/// partition runs `share` on its range of model rows, carrying its rows' state between rounds.
struct WorkerThemes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "One step of the themes clustering over partitions.",
        discussion: """
            start    (driver)     model, --k, --min-size, --seed -> the state (JSON)
            share    (partition)  model, state, --rows, the rows' state -> one share (a JSON line)
                                  and the rows' new state
            advance  (driver)     state, the shares (JSON lines, partition order) -> the next state;
                                  prints {"phase": ...}
            report   (driver)     state, every row's state, the articles' headers (JSON lines in
                                  model order) -> without --texts {"labelRows": [...]}, with the
                                  texts of those rows the report `zhuti themes --format json` prints
            Row states are rows x 4 float32 .npy arrays.
            """
    )

    enum Step: String, ExpressibleByArgument, CaseIterable {
        case start, share, advance, report
    }

    @Argument(help: "start, share, advance or report.")
    var step: Step

    @Option(help: ArgumentHelp("The model file.", valueName: "path"))
    var model: String?

    @Option(help: ArgumentHelp("The themes state (JSON).", valueName: "path"))
    var state: String?

    @Option(help: ArgumentHelp("Number of themes, or auto (start).", valueName: "auto|N"))
    var k: ThemeCount = .auto

    @Option(name: .customLong("min-size"), help: "Smallest theme kept (start; default as `zhuti themes`).")
    var minSize: Int?

    @Option(help: "Seed of the clustering (start).")
    var seed: UInt64 = ClusteringOptions().seed

    @Option(help: ArgumentHelp("Model rows, as FIRST-END (share).", valueName: "first-end"))
    var rows: String?

    @Option(name: .customLong("row-state"), help: ArgumentHelp("The rows' state (.npy; share: none at first; report: all rows).", valueName: "path"))
    var rowState: String?

    @Option(help: ArgumentHelp("The shares, one JSON line per partition (advance).", valueName: "path"))
    var shares: String?

    @Option(help: ArgumentHelp("Article headers, one JSON line per model row (report).", valueName: "path"))
    var articles: String?

    @Option(help: ArgumentHelp("{\"row\", \"text\"} lines for the label rows (report).", valueName: "path"))
    var texts: String?

    @Option(help: ArgumentHelp("The file to write: the state, the rows' state or the report.", valueName: "path"))
    var out: String?

    func run() throws {
        try reportingErrors {
            switch step {
            case .start:
                let model = try loadModel()
                let options = ClusteringOptions(k: k, minSize: minSize ?? ClusteringOptions.defaultMinSize(articleCount: model.documentCount),
                                                seed: seed)
                let themes = try PartitionedThemes(documents: model.documentCount, modelDimensions: model.dimensions, options: options)
                try write(themes, to: try required(out, "--out"))
                try WorkerOutput.summary(["documents": model.documentCount])
            case .share:
                let model = try loadModel()
                let themes = try loadState()
                let range = try WorkerRows.parse(try required(rows, "--rows"), documents: model.documentCount)
                var rowsState = PartitionedThemes.RowState(rows: range.count)
                if let rowState { rowsState = try PartitionedThemes.RowState(packed: try NPYArray<Float>.read(path: rowState).values) }
                let share = try themes.share(of: model, rows: range, state: &rowsState)
                try NPYArray(shape: [range.count, 4], values: rowsState.packed).write(to: try required(out, "--out"))
                print(try JSONOutput.encode(share))
            case .advance:
                var themes = try loadState()
                let parsed = try WorkerLines.read(PartitionedThemes.Share.self, from: try required(shares, "--shares"), what: "a themes share")
                try themes.advance(with: parsed)
                try write(themes, to: try required(out, "--out"))
                print(try JSONOutput.encode(["phase": themes.phase.rawValue]))
            case .report:
                let themes = try loadState()
                let rowsPath = try required(rowState, "--row-state")
                let clustering = try themes.clustering(rows: PartitionedThemes.RowState(packed: try NPYArray<Float>.read(path: rowsPath).values))
                guard let texts else {
                    print(try JSONOutput.encode(["labelRows": PartitionedThemes.labelRows(of: clustering)]))
                    return
                }
                let headers = try WorkerLines.read(ThemeArticle.self, from: try required(articles, "--articles"), what: "an article header")
                var labelTexts: [Int: String] = [:]
                for line in try WorkerLines.read(LabelText.self, from: texts, what: "a {\"row\", \"text\"} object") { labelTexts[line.row] = TextNormalizer.normalize(line.text) }
                let report = try themes.report(clustering, articles: headers, labelTexts: labelTexts)
                try AtomicFileSink.write(Array((try report.renderJSON() + "\n").utf8), to: try required(out, "--out"))
                try WorkerOutput.summary(["themes": report.themes.count, "unassigned": report.unassigned.count])
            }
        }
    }

    struct LabelText: Decodable { var row: Int, text: String }

    private func required(_ value: String?, _ flag: String) throws -> String {
        guard let value else { throw ZhutiError(.badOption, "themes \(step.rawValue) needs \(flag)") }
        return value
    }

    private func loadModel() throws -> LSAModel { try LSAModel.load(path: try required(model, "--model")) }

    private func loadState() throws -> PartitionedThemes {
        let path = try required(state, "--state")
        guard let data = FileManager.default.contents(atPath: path) else { throw ZhutiError(.io, "cannot read the themes state", file: path) }
        do {
            return try JSONDecoder().decode(PartitionedThemes.self, from: data)
        } catch {
            throw ZhutiError(.badInput, "not a themes state", file: path)
        }
    }

    private func write(_ themes: PartitionedThemes, to path: String) throws {
        try AtomicFileSink.write(Array(try JSONOutput.encode(themes).utf8), to: path)
    }
}
