/// The article similarity graph of a model: nodes with their library metadata and theme,
/// edges from the exact nearest-neighbour table, reprints flagged.
public struct ArchiveGraph: Sendable {
    public var nodes: [GraphNode]
    public var edges: [GraphEdge]

    /// In threshold mode each article keeps at most this many neighbours, so a low
    /// threshold cannot turn the export into an all-pairs table.
    public static let thresholdNeighbourLimit = 50

    /// `themes` (optional) labels each node with its theme; articles the clustering left
    /// unassigned have none.
    public static func build(model: LSAModel, library: ArticleLibrary, mode: GraphEdgeMode, mutual: Bool,
                             themes: ThemeReport?, progress: ((String) -> Void)? = nil) throws -> ArchiveGraph {
        try mode.validate()
        let headers = try library.headers()
        var themeOf: [String: (id: Int, label: String)] = [:]
        for theme in themes?.themes ?? [] {
            for id in theme.articles { themeOf[id] = (theme.id, theme.label) }
        }
        let nodes = model.documentIDs.map { id in
            let header = headers[id]
            return GraphNode(id: id, title: header?.title ?? "", date: header?.date, issue: header?.issue,
                             paper: header?.paper, page: header?.page, themeID: themeOf[id]?.id, themeLabel: themeOf[id]?.label)
        }
        let k: Int
        switch mode {
        case .knn(let count): k = count
        case .threshold: k = thresholdNeighbourLimit
        }
        let table = SimilarityIndex(model: model).nearestForAll(k: min(k, max(1, model.documentCount - 1)), progress: { done in
            progress?("graph: neighbours of \(done)/\(model.documentCount) articles")
        })
        let neighbours = table.map { $0.map { (index: $0.index, score: $0.score) } }
        // Reprints always sit close in the LSA space: only pairs above this cosine are
        // checked on their TF-IDF rows, which keeps the check off most edges.
        var close: [PairExplainer.Pair] = []
        for (a, list) in neighbours.enumerated() {
            for (b, score) in list where score >= 0.5 { close.append(PairExplainer.Pair(a, b)) }
        }
        progress?("graph: checking \(close.count) close pairs for reprints")
        let duplicates = try PairExplainer(model: model, library: library, phrases: false).duplicateKinds(close)
        progress?("graph: writing")
        let edges = SimilarityGraphBuilder.edges(neighbors: neighbours, mode: mode, mutual: mutual) { a, b, score in
            duplicates[PairExplainer.Pair(a, b)] != nil
        }
        return ArchiveGraph(nodes: nodes, edges: edges)
    }
}
