/// `zhuti eval --labels`: how well a model's themes and neighbours agree with labels that
/// came with the articles (JSONL `label`).
public struct LabelEvaluation: Codable, Sendable {
    public var labelledArticles: Int
    public var labels: Int
    public var k: Int
    public var nmi: Double
    public var ari: Double
    public var precisionAt10: Double

    enum CodingKeys: String, CodingKey {
        case labelledArticles = "labelled_articles", labels, k, nmi, ari
        case precisionAt10 = "precision_at_10"
    }

    /// `expansion`: the query expansion related articles are ranked with (nil: plain cosine),
    /// so precision@10 measures what `zhuti related` returns.
    public static func run(model: LSAModel, library: ArticleLibrary, k: Int?, seed: UInt64,
                           expansion: QueryExpansion? = .standard) throws -> LabelEvaluation {
        let headers = try library.headers()
        let labelNames = model.documentIDs.map { headers[$0]?.label }
        guard labelNames.contains(where: { $0 != nil }) else {
            throw ZhutiError(.badInput, "no article in the model carries a label; ingest JSONL with a \"label\" field to evaluate")
        }
        let distinct = Array(Set(labelNames.compactMap { $0 })).sorted()
        let code = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
        let labels = labelNames.map { $0.map { code[$0]! } ?? -1 }
        let labelled = labels.indices.filter { labels[$0] >= 0 }

        // Themes over the whole model; unassigned articles count in their nearest theme.
        let themeCount = k ?? distinct.count
        let options = ClusteringOptions(k: .fixed(themeCount), minSize: 1, seed: seed)
        let clustering = try ThemeClusterer.cluster(vectors: model.documentVectors(singularValueExponent: 1), dims: model.dimensions,
                                                    options: options).clustering
        let themes = clustering.assignments.indices.map { clustering.assignments[$0] >= 0 ? clustering.assignments[$0] : clustering.nearest[$0] }
        let nmi = ClusterMetrics.normalizedMutualInformation(labelled.map { labels[$0] }, labelled.map { themes[$0] })
        let ari = ClusterMetrics.adjustedRandIndex(labelled.map { labels[$0] }, labelled.map { themes[$0] })

        // Neighbours among labelled articles only, so unlabelled ones cannot dilute precision.
        let isLabelled = labels.map { $0 >= 0 }
        let neighbours = SimilarityIndex(model: model).rankedForAll(k: 10, expansion: expansion,
                                                                   allowed: { _, candidate in isLabelled[candidate] })
        let precision = ClusterMetrics.precisionAtK(neighbors: labelled.map { neighbours[$0].map(\.index) }, labels: labels, k: 10)
        return LabelEvaluation(labelledArticles: labelled.count, labels: distinct.count, k: themeCount,
                               nmi: nmi, ari: ari, precisionAt10: precision)
    }
}
