import ArgumentParser
import Foundation
import Zhuti

struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the article similarity graph for Gephi, networkx, Cytoscape or Graphviz.",
        discussion: """
            Nodes are articles (id, title, date, issue, paper, page, theme id and label); edges
            are undirected, weighted by cosine similarity, flagged where one article reprints
            the other. Files are complete or absent: each is written to a temporary file and
            renamed.

            Formats: graphml (Cytoscape, networkx, Gephi), gexf (Gephi 1.3; each node carries its
            date so Gephi's timeline plays the archive issue by issue), json (networkx/d3
            node-link), csv (edge list + <name>.nodes.csv), dot (Graphviz).

            Examples:
              zhuti graph -o archive.gexf
              zhuti graph --knn 5 --mutual --format graphml -o core.graphml
              zhuti graph --threshold 0.6 --format csv -o strong.csv
              zhuti graph --batch graphs/ --by issue --formats graphml,gexf
            """
    )

    @OptionGroup var home: HomeOptions
    @OptionGroup var model: ModelOptions

    @Option(help: "Link each article to its K highest-cosine articles (default 10; plain cosine, as `related --no-expansion` ranks).")
    var knn: Int?

    @Option(help: "Link articles whose cosine is at least T (each keeps at most 50 neighbours).")
    var threshold: Float?

    @Flag(help: "Keep an edge only when each article is among the other's neighbours.")
    var mutual = false

    @Option(help: "Format: graphml, gexf, json, csv or dot (default: from the -o extension, else graphml).")
    var format: GraphFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("Output file (default: standard output is not used; give a file).", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Write many graphs into this folder: the whole archive plus one per group.", valueName: "dir"))
    var batch: String?

    @Option(help: "Batch grouping: issue, theme or month.")
    var by: GraphGrouping = .issue

    @Option(help: "Batch formats, comma-separated (e.g. graphml,gexf).")
    var formats: String = "graphml,gexf"

    @Option(help: ArgumentHelp("Themes for node labels: auto, a number, or 0 for none.", valueName: "auto|N|0"))
    var themes: ThemeCount = .auto

    @OptionGroup var progressOptions: ProgressOptions

    func run() throws {
        try reportingErrors {
            guard knn == nil || threshold == nil else { throw ZhutiError(.badOption, "give --knn or --threshold, not both") }
            let mode: GraphEdgeMode = threshold.map { .threshold($0) } ?? .knn(knn ?? 10)
            try mode.validate()
            let batchFormats = batch == nil ? [] : try GraphFormat.parseList(formats)
            let grouping = batch == nil ? nil : by
            let singleFormat: GraphFormat?
            if batch == nil {
                guard let output else { throw ZhutiError(.badOption, "give an output file with -o FILE (or --batch DIR)") }
                singleFormat = format ?? GraphFormat(inferringFrom: output) ?? .graphml
            } else {
                singleFormat = nil
            }

            let library = try home.openLibrary()
            let lsa = try model.load(home: home.resolved)
            let reporter = progressOptions.reporter
            defer { reporter.finish() }
            let progress = reporter.callback
            if case .knn(let k) = mode, k > lsa.documentCount - 1 {
                Terminal.progress("graph: --knn \(k) is more than the \(lsa.documentCount - 1) other articles; every article links to all others")
            }
            var report: ThemeReport?
            if themes != .fixed(0) {
                let count = themes
                progress?("graph: clustering themes for node labels (--themes 0 skips this)")
                report = try ThemeReportBuilder.build(model: lsa, library: library, k: count).report
            }
            let graph = try ArchiveGraph.build(model: lsa, library: library, mode: mode, mutual: mutual, themes: report, progress: progress)
            if let warning = GraphWriter.warningIfLarge(edgeCount: graph.edges.count) {
                Terminal.progress(ZhutiError.Parameter.render(warning, naming: \.flag))
            }
            if let batch, let grouping {
                let entries = try GraphBatchExporter.export(nodes: graph.nodes, edges: graph.edges, by: grouping,
                                                            formats: batchFormats, to: batch)
                progress?("graph: \(entries.count) graphs written to \(batch) (see \(batch)/\(GraphBatchExporter.indexFileName))")
            } else if let output, let singleFormat {
                let summary = try GraphWriter.write(nodes: graph.nodes, edges: graph.edges, format: singleFormat, to: output, graphName: "zhuti")
                progress?("graph: \(summary.nodeCount) nodes, \(summary.edgeCount) edges written to \(summary.files.joined(separator: ", "))")
            }
        }
    }
}
